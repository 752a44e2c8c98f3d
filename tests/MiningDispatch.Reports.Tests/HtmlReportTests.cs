using System.Text.RegularExpressions;

namespace MiningDispatch.Reports.Tests;

public class HtmlReportTests
{
    private static readonly Lazy<string> Html = new(() => HtmlReport.Render(TestModels.Model()));

    [Fact]
    public void Loads_nothing_from_the_network()
    {
        var external = Regex.Matches(Html.Value, @"<(script|link|img|iframe|source)\b[^>]*\b(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase);
        Assert.Empty(external);
        Assert.DoesNotContain("<link", Html.Value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"<script[^>]*\bsrc\s*=", RegexOptions.IgnoreCase), Html.Value);
        // Outside the plotly bundle (whose code mentions CDN URLs for features we do not use) no URL at all.
        string ours = Html.Value.Replace(Reports.Html.PlotlyBundle.InlineScript, "", StringComparison.Ordinal);
        Assert.True(ours.Length < Html.Value.Length / 4, "bundle not found verbatim");
        Assert.DoesNotContain("http://", ours, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", ours, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Inlines_the_plotly_bundle_once()
    {
        string html = Html.Value;
        // The partial "cartesian" bundle (scatter, bar, heatmap, histogram), not the 3.6 MB full one.
        Assert.Contains("plotly.js (cartesian - minified) v2.35.3", html);
        Assert.True(html.Length > 1_300_000, $"HTML is only {html.Length} chars: plotly.js missing?");
        Assert.Single(Regex.Matches(html, Regex.Escape("plotly.js (cartesian - minified) v2.35.3")));
        Assert.Contains("Plotly.newPlot(id, f.data, f.layout, config)", html);
    }

    [Fact]
    public void Hostile_names_are_escaped_and_cannot_break_out_of_scripts()
    {
        string html = Html.Value;
        Assert.DoesNotContain("<script>alert(", html);
        Assert.DoesNotContain(TestModels.Hostile, html);
        Assert.Contains("HB_WEST &amp; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", html); // title
        Assert.Contains("<td>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>", html);  // inputs table
        Assert.Contains("prices &lt;2024&gt; &amp; co.csv", html);
        Assert.Contains("data/prices_&lt;/script&gt;.csv", html);
        Assert.Contains("&lt;b&gt;one&lt;/b&gt; duplicate row dropped", html);
        // The benchmark name also goes into the plotly JSON, where '<' must be \u003c.
        Assert.Contains(@"perfect-foresight\u003c/script\u003e\u003cscript\u003ealert(2)\u003c/script\u003e", html, StringComparison.OrdinalIgnoreCase);
        // Exactly two script elements: the plotly bundle and the figure loader.
        Assert.Equal(2, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(2, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Contains_summary_monthly_days_inputs_and_data_quality()
    {
        string html = Html.Value;
        var r = TestModels.Result();
        // Totals by hand: 71 hours, threshold rule run = (revenue - cost) > $700/h.
        double profit = 0, alwaysOn = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            var (rev, cost) = TestModels.HandHour(TestModels.PriceAt(t), TestModels.HashpricePhDay(t / 24));
            alwaysOn += rev - cost;
            if (rev - cost > TestModels.MinProfit) profit += rev - cost;
        }
        Assert.Contains(Money(profit), html);
        Assert.Contains(Money(alwaysOn), html);
        Assert.Contains("<th>Hours in the backtest</th><td>71</td>", html);
        Assert.Contains("<td class=\"nowrap\">Jan 2024</td>", html);
        Assert.Contains("<td class=\"nowrap\">Feb 2024</td>", html);
        Assert.Contains("2024-01-31 (Wed)", html); // worst day: the $5,000 spike day
        Assert.Contains("<th>Duplicates</th><td class=\"num warn\">1</td>", html);
        Assert.Contains("<td>2024-02-01 12:00 CST</td><td>2024-02-01 13:00 CST</td><td>2024-02-01 18:00 UTC</td>", html);
        Assert.Contains("note with &amp; ampersand", html);
        foreach (var id in new[] { "chart-price", "chart-hashprice", "chart-dispatch", "chart-cumulative", "chart-monthly", "chart-runrate" })
            Assert.Contains($"<div id=\"{id}\" class=\"chart\"></div>", html);
        Assert.Contains("Strategy comparison", html);
        Assert.Equal(r.Summary.ProfitUsd, profit, 6);
    }

    /// <summary>Parses the figure JSON embedded in the loader script.</summary>
    internal static System.Text.Json.JsonElement ExtractFigures(string html)
    {
        var m = Regex.Match(html, @"const figures = (\{.*?\});\n", RegexOptions.Singleline);
        Assert.True(m.Success, "figure JSON not found");
        return System.Text.Json.JsonDocument.Parse(m.Groups[1].Value).RootElement;
    }

    [Fact]
    public void Figure_json_has_one_figure_per_chart_with_the_data()
    {
        var figures = ExtractFigures(Html.Value);
        var r = TestModels.Result();
        Assert.Equal(6, figures.EnumerateObject().Count());
        // Price trace: 71 points + one null to break the line at the missing hour + the end of the last step.
        var y = figures.GetProperty("chart-price").GetProperty("data")[0].GetProperty("y");
        Assert.Equal(73, y.GetArrayLength());
        Assert.Equal(TestModels.NegativePrice + TestModels.Adder, y[TestModels.NegativeIndex].GetDouble());
        Assert.Equal(TestModels.SpikePrice + TestModels.Adder, y[TestModels.SpikeIndex].GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, y[TestModels.MissingIndex].ValueKind);
        // Monthly bars: strategy profit per month.
        var bars = figures.GetProperty("chart-monthly").GetProperty("data")[0].GetProperty("y");
        Assert.Equal(r.Monthly.Select(m => m.ProfitUsd), bars.EnumerateArray().Select(v => v.GetDouble()));
        // Run-rate heat map: rows = hours (row 0 = hour 0), columns = months; Feb 12:00 has no data.
        var z = figures.GetProperty("chart-runrate").GetProperty("data")[0].GetProperty("z");
        Assert.Equal(24, z.GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, z[12][1].ValueKind);
        Assert.Equal(0.5, z[17][0].GetDouble()); // Jan 17:00: ran on the 30th, curtailed for the spike on the 31st
    }

    [Fact]
    public void Day_and_month_tables_show_hand_computed_profits_in_whole_dollars()
    {
        string html = Html.Value;
        // Daily strategy profit by market day (CST = UTC-6 in January/February): index t belongs to day t / 24.
        var daily = new double[3];
        var monthly = new double[2];
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            var (rev, cost) = TestModels.HandHour(TestModels.PriceAt(t), TestModels.HashpricePhDay(t / 24));
            if (rev - cost <= TestModels.MinProfit) continue;
            daily[t / 24] += rev - cost;
            monthly[t < 48 ? 0 : 1] += rev - cost;
        }
        int worst = Array.IndexOf(daily, daily.Min());
        string worstDay = new DateOnly(2024, 1, 30).AddDays(worst).ToString("yyyy-MM-dd (ddd)", System.Globalization.CultureInfo.InvariantCulture);
        int at = html.IndexOf("Worst days (by strategy profit)", StringComparison.Ordinal);
        Assert.True(at > 0);
        string worstTable = html[at..html.IndexOf("</table>", at, StringComparison.Ordinal)];
        int firstRow = worstTable.IndexOf("<tbody>", StringComparison.Ordinal);
        Assert.StartsWith($"<tbody>\n<tr><td class=\"nowrap\">{worstDay}</td>", worstTable[firstRow..]);
        Assert.Contains(Whole(daily[worst]), worstTable);
        Assert.Contains($"<td class=\"num\">{Whole(monthly[0])}</td>", html);
        Assert.Contains($"<td class=\"num\">{Whole(monthly[1])}</td>", html);
    }

    private static string Whole(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Money(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N2", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Long_series_are_downsampled_for_the_browser_but_keep_the_spike()
    {
        // 40,000 quarter-hours (> 30k points per trace) with one spike.
        int n = 40_000;
        var start = new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var times = Enumerable.Range(0, n).Select(i => start.AddMinutes(15 * i)).ToArray();
        var price = Enumerable.Range(0, n).Select(i => 20 + (i % 96) * 0.25).ToArray();
        price[31_234] = 4321.5;
        var hp = Enumerable.Repeat(0.05, n).ToArray();
        var market = new Core.Series.MarketSeries(times, price, hp, 0.25);
        var result = Core.Backtest.Backtester.Run(market, TestModels.Site, new Core.Strategies.Threshold.ThresholdStrategy());
        string html = HtmlReport.Render(new BacktestRun(result, new Core.Series.RunInfo("long", [], [])));

        var figures = ExtractFigures(html);
        var price0 = figures.GetProperty("chart-price").GetProperty("data")[0];
        int points = price0.GetProperty("y").GetArrayLength();
        Assert.InRange(points, 1000, MiningDispatch.Reports.Html.PlotlyFigures.MaxPointsPerTrace + 2);
        Assert.Contains(price0.GetProperty("y").EnumerateArray(), v => v.ValueKind == System.Text.Json.JsonValueKind.Number && v.GetDouble() == 4326.5);
    }
}
