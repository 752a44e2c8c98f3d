using System.Text.Json;
using MiningDispatch.Reports.Charts;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Html;
using SkiaSharp;

namespace MiningDispatch.Reports.Tests;

/// <summary>Titles and legends stay inside the image and off the data; one colour means one thing in PNG and HTML.</summary>
public class ChartLookTests
{
    private const string LongTitle = "MiningDispatch backtest: HB_WEST real-time, 2023-07-06 to 2024-11-15, 10 MW at 21.5 W/TH, threshold";

    private static BacktestRun LongTitled()
    {
        var m = SectionReportTests.Model();
        return m with { Info = m.Info with { Title = LongTitle } };
    }

    private static bool IsWhite(SKColor c) => c.Red > 245 && c.Green > 245 && c.Blue > 245;

    [Fact]
    public void Every_png_title_fits_with_white_space_on_both_sides()
    {
        string dir = TestModels.TempDir();
        var paths = ChartRenderer.RenderAll(LongTitled(), dir);
        Assert.True(paths.Count >= 12, $"{paths.Count} charts");
        foreach (string p in paths)
        {
            using var bmp = SKBitmap.Decode(p);
            // The title band is the top 30 pixel rows; its outer 6 columns on each side must be empty, and it must hold text.
            int dark = 0;
            for (int y = 0; y < 30; y++)
            {
                for (int x = 0; x < bmp.Width; x++)
                {
                    var c = bmp.GetPixel(x, y);
                    bool edge = x < 6 || x >= bmp.Width - 6;
                    if (edge) Assert.True(IsWhite(c), $"{Path.GetFileName(p)}: title touches the edge at ({x}, {y})");
                    else if (c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
                }
            }
            Assert.True(dark > 50, $"{Path.GetFileName(p)}: no title drawn ({dark} dark pixels)");
        }
    }

    [Fact]
    public void A_title_too_wide_is_broken_and_shrunk_until_it_fits()
    {
        var plt = new ScottPlot.Plot();
        plt.Title(LongTitle + " — " + LongTitle, 17);
        Assert.True(ChartStyle.TitleWidth(plt) > 1200, "the test title must start too wide");
        ChartStyle.FitTitle(plt, 1200);
        Assert.True(ChartStyle.TitleWidth(plt) <= 1200 - 2 * ChartStyle.TitleSideMarginPx, $"width {ChartStyle.TitleWidth(plt)}");
        Assert.Contains('\n', plt.Axes.Title.Label.Text);

        var shortOne = new ScottPlot.Plot();
        shortOne.Title("Hashprice", 17);
        ChartStyle.FitTitle(shortOne, 1200);
        Assert.Equal("Hashprice", shortOne.Axes.Title.Label.Text);
        Assert.Equal(17, shortOne.Axes.Title.Label.FontSize);
    }

    [Fact]
    public void Html_titles_sit_below_the_toolbar_strip()
    {
        var figures = HtmlReportTests.ExtractFigures(HtmlReport.Render(LongTitled()));
        int n = 0;
        foreach (var f in figures.EnumerateObject())
        {
            var layout = f.Value.GetProperty("layout");
            var title = layout.GetProperty("title");
            double height = layout.GetProperty("height").GetDouble();
            Assert.Equal("container", title.GetProperty("yref").GetString());
            Assert.Equal("top", title.GetProperty("yanchor").GetString());
            // Title top in pixels from the figure's top edge: below the toolbar strip.
            double topPx = (1 - title.GetProperty("y").GetDouble()) * height;
            Assert.True(topPx >= PlotlyFigures.ToolbarPx - 1e-9, $"{f.Name}: title {topPx} px from the top");
            // The margin holds the toolbar strip and a 17 px title line below it.
            Assert.True(layout.GetProperty("margin").GetProperty("t").GetDouble() >= PlotlyFigures.ToolbarPx + 30, f.Name);
            n++;
        }
        Assert.True(n >= 12, $"{n} figures");
    }

    [Fact]
    public void Profit_colour_scale_is_the_same_in_png_and_html_and_profit_high_is_gain()
    {
        // PNG colour map ends: loss at 0, gain at 1.
        Assert.Equal(ScottPlot.Color.FromHex(Palette.Loss), ChartStyle.ProfitColormap.GetColor(0));
        Assert.Equal(ScottPlot.Color.FromHex(Palette.Gain), ChartStyle.ProfitColormap.GetColor(1));
        Assert.Equal(ScottPlot.Color.FromHex(Palette.Gain), ChartStyle.RunColormap.GetColor(1));

        var model = SectionReportTests.Model();
        var figures = HtmlReportTests.ExtractFigures(HtmlReport.Render(model));
        var heat = figures.GetProperty("chart-heatmap").GetProperty("data")[0];
        var scale = heat.GetProperty("colorscale");
        Assert.Equal(Palette.Loss, scale[0][1].GetString());
        Assert.Equal(Palette.Gain, scale[scale.GetArrayLength() - 1][1].GetString());
        // Symmetric around $0 so white is zero, the highest |profit| of the grid at the ends.
        double absMax = 0;
        foreach (double v in model.Sweep!.Grid!.ProfitUsd) absMax = Math.Max(absMax, Math.Abs(v));
        Assert.Equal(absMax, heat.GetProperty("zmax").GetDouble());
        Assert.Equal(-absMax, heat.GetProperty("zmin").GetDouble());
    }

    [Fact]
    public void Tornado_colours_each_bar_end_by_its_effect_on_profit()
    {
        var model = SectionReportTests.Model();
        var t = model.Sweep!.Tornado;
        double b = t.Base.ProfitUsd;
        var data = HtmlReportTests.ExtractFigures(HtmlReport.Render(model)).GetProperty("chart-tornado").GetProperty("data");
        var raises = data.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "raises profit");
        var lowers = data.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "lowers profit");
        Assert.Equal(Palette.Gain, raises.GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(Palette.Loss, lowers.GetProperty("marker").GetProperty("color").GetString());

        // Expected sides by hand from the tornado's own profits: every end at or above the base raises profit.
        var expectUp = new List<string>();
        var expectDown = new List<string>();
        foreach (var bar in t.Bars)
        {
            foreach (var (profit, input) in new[] { (bar.ProfitAtLowUsd, bar.LowValue), (bar.ProfitAtHighUsd, bar.HighValue) })
                (profit >= b ? expectUp : expectDown).Add(bar.Label + "=" + input.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        }
        static List<string> Ends(JsonElement trace)
        {
            var names = trace.GetProperty("y").EnumerateArray().Select(e => e.GetString()!).ToList();
            var text = trace.GetProperty("text").EnumerateArray().Select(e => e.GetString()!).ToList();
            var x = trace.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToList();
            return names.Select((n, i) => n[..n.IndexOf(" (", StringComparison.Ordinal)] + "=" + text[i]).ToList();
        }
        Assert.Equal(expectUp.OrderBy(s => s), Ends(raises).OrderBy(s => s));
        Assert.Equal(expectDown.OrderBy(s => s), Ends(lowers).OrderBy(s => s));
        Assert.All(raises.GetProperty("x").EnumerateArray(), x => Assert.True(x.GetDouble() >= 0));
        Assert.All(lowers.GetProperty("x").EnumerateArray(), x => Assert.True(x.GetDouble() < 0));
        // Less efficient machines (25 W/TH against the base 20) lower profit; a higher hashprice raises it.
        Assert.Contains(Ends(lowers), s => s.EndsWith("=25", StringComparison.Ordinal));
        Assert.Contains(Ends(raises), s => s.EndsWith("=1.2", StringComparison.Ordinal));
    }

    [Fact]
    public void Risk_line_labels_each_get_their_own_row()
    {
        var layout = HtmlReportTests.ExtractFigures(HtmlReport.Render(SectionReportTests.Model())).GetProperty("chart-risk").GetProperty("layout");
        var shifts = layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("yshift").GetDouble()).ToList();
        Assert.Equal(3, shifts.Count); // VaR, CVaR, mean
        Assert.Equal(shifts.Count, shifts.Distinct().Count());
        var sorted = shifts.OrderBy(s => s).ToList();
        // Rows at least one 13 px text line plus padding apart, and all inside the top margin below the title.
        for (int i = 1; i < sorted.Count; i++) Assert.True(sorted[i] - sorted[i - 1] >= 18, $"rows {sorted[i - 1]} and {sorted[i]}");
        double top = layout.GetProperty("margin").GetProperty("t").GetDouble();
        Assert.True(top >= PlotlyFigures.TopMarginPx + sorted[^1] + 18, $"top margin {top}");
    }
}
