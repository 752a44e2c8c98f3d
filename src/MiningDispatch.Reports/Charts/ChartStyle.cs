using MiningDispatch.Reports.Common;
using ScottPlot;

namespace MiningDispatch.Reports.Charts;

/// <summary>Shared look of the PNG charts: font, palette, tick formatters and atomic saving.</summary>
internal static class ChartStyle
{
    public static readonly Color Price = Color.FromHex("#4C72B0");
    public static readonly Color Breakeven = Color.FromHex("#DD8452");
    public static readonly Color Strategy = Color.FromHex("#2A9D8F");
    public static readonly Color AlwaysOn = Color.FromHex("#7F7F7F");
    public static readonly Color Spike = Color.FromHex("#C0392B");
    public static readonly Color Hashprice = Color.FromHex("#8E6C8A");
    private static readonly Color[] BenchmarkColors = [Color.FromHex("#8172B3"), Color.FromHex("#C44E52"), Color.FromHex("#264653"), Color.FromHex("#E9C46A")];

    /// <summary>Curtailed (0) → partly running → mining (1).</summary>
    public static IColormap RunColormap { get; } = new ScottPlot.Colormaps.CustomInterpolated(
        [Color.FromHex("#E76F51"), Color.FromHex("#F4E9CD"), Color.FromHex("#2A9D8F")]);

    public static readonly Color Missing = Color.FromHex("#FFFFFF");

    private static readonly object FontLock = new();
    private static bool _fontSet;

    public static Color Benchmark(int i) => BenchmarkColors[i % BenchmarkColors.Length];

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        EnsureFont();
        var plt = new Plot();
        plt.Title(title, 17);
        plt.XLabel(xLabel, 13);
        plt.YLabel(yLabel, 13);
        plt.Axes.Title.Label.Bold = true;
        plt.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        plt.FigureBackground.Color = Colors.White;
        plt.DataBackground.Color = Colors.White;
        return plt;
    }

    /// <summary>ScottPlot's automatic "sans" resolves to DejaVu Serif on Debian; pin DejaVu Sans (fonts-dejavu-core).</summary>
    private static void EnsureFont()
    {
        lock (FontLock)
        {
            if (_fontSet) return;
            Fonts.Default = "DejaVu Sans";
            _fontSet = true;
        }
    }

    public static void UsdTicksLeft(Plot plt, bool compact)
    {
        plt.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => compact ? Fmt.UsdShort(v) : (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>DateTime bottom axis with ISO dates ("2024-01-31", "2024-01-31 18:00", or "Sep 2023" for month starts on long ranges).</summary>
    public static void DateAxis(Plot plt, DateTime first, DateTime last, string label = "Market time (CPT)")
    {
        var axis = plt.Axes.DateTimeTicksBottom();
        axis.LabelText = label; // the new axis replaces the old one and its label
        axis.LabelFontSize = 13;
        axis.LabelBold = true;
        double days = (last - first).TotalDays;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        axis.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t =>
                days > 62 && t.TimeOfDay == TimeSpan.Zero && t.Day == 1 ? t.ToString("MMM yyyy", inv)
                : days > 4 && t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", inv)
                : t.ToString("yyyy-MM-dd\nHH:mm", inv),
        };
        plt.Axes.Right.MinimumSize = 50; // room for the last tick label
    }

    public static void Save(Plot plt, string path, int width, int height)
    {
        if (width < 100 || height < 100) throw new ArgumentOutOfRangeException(nameof(width), $"Chart size {width}x{height} is too small (minimum 100x100).");
        byte[] png = plt.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.WriteBytes(path, png);
    }
}
