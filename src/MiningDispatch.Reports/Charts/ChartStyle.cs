using MiningDispatch.Reports.Common;
using ScottPlot;
using SkiaSharp;
using Palette = MiningDispatch.Reports.Common.Palette;

namespace MiningDispatch.Reports.Charts;

/// <summary>Shared look of the PNG charts: font, palette, tick formatters and atomic saving.</summary>
internal static class ChartStyle
{
    public static readonly Color Price = Color.FromHex(Palette.Price);
    public static readonly Color Breakeven = Color.FromHex(Palette.Breakeven);
    public static readonly Color Strategy = Color.FromHex(Palette.Gain);
    public static readonly Color AlwaysOn = Color.FromHex(Palette.AlwaysOn);
    public static readonly Color Spike = Color.FromHex(Palette.Spike);
    public static readonly Color Hashprice = Color.FromHex(Palette.Hashprice);
    public static readonly Color Gain = Color.FromHex(Palette.Gain);
    public static readonly Color Loss = Color.FromHex(Palette.Loss);
    public static readonly Color Ink = Color.FromHex(Palette.Ink);

    /// <summary>Curtailed (0) → partly running → mining (1).</summary>
    public static IColormap RunColormap { get; } = Colormap(Palette.RunScale);

    /// <summary>Loss → zero → profit, for a range symmetric around zero.</summary>
    public static IColormap ProfitColormap { get; } = Colormap(Palette.ProfitScale);

    public static readonly Color Missing = Color.FromHex("#FFFFFF");

    private static readonly object FontLock = new();
    private static bool _fontSet;

    public static Color Benchmark(int i) => Color.FromHex(Palette.Benchmark(i));

    public static Color Series(int i) => Color.FromHex(Palette.SeriesColor(i));

    /// <summary>ScottPlot colour map of evenly spaced palette stops.</summary>
    private static ScottPlot.Colormaps.CustomInterpolated Colormap(IReadOnlyList<(double At, string Color)> scale)
        => new(scale.Select(s => Color.FromHex(s.Color)).ToArray());

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        EnsureFont();
        var plt = new Plot();
        plt.Title(title, 17);
        plt.XLabel(xLabel, 13);
        plt.YLabel(yLabel, 13);
        plt.Axes.Title.Label.Bold = true;
        // Centred on the whole image, not on the data area, which a colour bar or wide tick labels push aside.
        plt.Axes.Title.FullFigureCenter = true;
        plt.Grid.MajorLineColor = Color.FromHex(Palette.Grid);
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

    /// <summary>Pixels kept free on each side of the title.</summary>
    public const int TitleSideMarginPx = 12;

    /// <summary>Smallest font size a long title is shrunk to (after breaking it into two lines).</summary>
    public const float MinTitleFontSize = 10;

    /// <summary>Width in pixels the title takes when drawn (its widest line).</summary>
    public static float TitleWidth(Plot plt)
    {
        using var paint = Paint.NewDisposablePaint();
        return plt.Axes.Title.Label.Measure(paint).Width;
    }

    /// <summary>
    /// Makes the title fit the image width with <see cref="TitleSideMarginPx"/> free on each side: a title too wide for
    /// one line is broken at its " — " (else at the space nearest its middle), then its font shrinks step by step
    /// down to <see cref="MinTitleFontSize"/>.
    /// </summary>
    public static void FitTitle(Plot plt, int width)
    {
        ArgumentNullException.ThrowIfNull(plt);
        var label = plt.Axes.Title.Label;
        float available = width - 2 * TitleSideMarginPx;
        if (string.IsNullOrEmpty(label.Text) || TitleWidth(plt) <= available) return;
        if (!label.Text.Contains('\n', StringComparison.Ordinal)) label.Text = BreakTitle(label.Text);
        while (TitleWidth(plt) > available && label.FontSize > MinTitleFontSize) label.FontSize -= 1;
    }

    private static string BreakTitle(string title)
    {
        int dash = title.IndexOf(" — ", StringComparison.Ordinal);
        if (dash > 0) return title[..dash] + "\n" + title[(dash + 3)..];
        int mid = title.Length / 2, best = -1;
        for (int i = 0; i < title.Length; i++)
            if (title[i] == ' ' && (best < 0 || Math.Abs(i - mid) < Math.Abs(best - mid))) best = i;
        return best > 0 ? title[..best] + "\n" + title[(best + 1)..] : title;
    }

    /// <summary>The legend goes below the data area, in rows, so it never covers a bar, a line or a label.</summary>
    public static void LegendBelow(Plot plt)
    {
        ArgumentNullException.ThrowIfNull(plt);
        plt.ShowLegend(Edge.Bottom).Legend.Orientation = Orientation.Horizontal;
    }

    /// <summary>
    /// PNG encoding of the charts: no per-row filter, zlib level 4. The pixels are those ScottPlot's own PNG export
    /// writes (same surface: RGBA, premultiplied); Skia's default (every filter tried on every row, level 6) took about
    /// three times as long on the report's charts (0.17 s against 0.06 s for the six) for files of the same size.
    /// </summary>
    internal static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.NoFilters, 4);

    public static void Save(Plot plt, string path, int width, int height)
    {
        if (width < 100 || height < 100) throw new ArgumentOutOfRangeException(nameof(width), $"Chart size {width}x{height} is too small (minimum 100x100).");
        FitTitle(plt, width);
        AtomicFile.WriteBytes(path, Png(plt, width, height));
    }

    /// <summary>
    /// Draws and encodes a small throw-away chart with the elements the report's charts use (lines, steps, bars, a
    /// heatmap with its colour bar, text, a date axis, a legend), so the first-use work (fonts, the renderer, the
    /// encoder, code compiled at run time) is done before the real charts start. Writes nothing.
    /// </summary>
    internal static void WarmUp()
    {
        var plt = NewPlot("Warm-up — chart", "Market time (CPT)", "USD/MWh");
        double[] xs = [45_300, 45_310, 45_320, 45_330], ys = [10, -5, 30, 12];
        plt.Add.Scatter(xs, ys, Price).LineWidth = 1.5f;
        var step = plt.Add.Scatter(xs, ys, Hashprice);
        step.ConnectStyle = ConnectStyle.StepHorizontal;
        step.LegendText = "step";
        plt.Add.Bars(new[] { new Bar { Position = 45_305, Value = 20, FillColor = Strategy, Label = "$20" } });
        var hm = plt.Add.Heatmap(new double[,] { { 0, 0.5 }, { double.NaN, 1 } });
        hm.Colormap = RunColormap;
        hm.NaNCellColor = Missing;
        plt.Add.ColorBar(hm).Label = "Run";
        plt.Add.Text("50", 45_315, 5).Alignment = Alignment.MiddleCenter;
        plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.5), LinePattern.Solid);
        DateAxis(plt, DateTime.FromOADate(xs[0]), DateTime.FromOADate(xs[^1]));
        UsdTicksLeft(plt, compact: true);
        LegendBelow(plt);
        FitTitle(plt, 240);
        _ = Png(plt, 240, 160);
    }

    /// <summary>The chart as PNG bytes: rendered as <see cref="Plot.GetImage(int, int)"/> renders it, encoded with <see cref="PngOptions"/>.</summary>
    internal static byte[] Png(Plot plt, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Could not create a {width}x{height} drawing surface.");
        plt.Render(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels() ?? throw new InvalidOperationException("The chart's pixels cannot be read.");
        using var png = pixels.Encode(PngOptions) ?? throw new InvalidOperationException("The chart could not be encoded as PNG.");
        return png.ToArray();
    }
}
