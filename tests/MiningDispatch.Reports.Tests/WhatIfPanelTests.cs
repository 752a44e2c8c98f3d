using System.Text.Json;
using System.Text.RegularExpressions;
using MiningDispatch.Core.Strategies.Hysteresis;

namespace MiningDispatch.Reports.Tests;

/// <summary>The what-if panel's HTML and embedded data (the page's behaviour is tested in a browser in Cli.Tests/Browser).</summary>
public partial class WhatIfPanelTests
{
    private static BacktestRun WithPanel(HysteresisOptions? band = null)
        => TestModels.Model() with { WhatIf = new WhatIfInputs(TestModels.Site, band is null ? "threshold" : "hysteresis", band) };

    [GeneratedRegex("const whatIfData = (\\{.*?\\});\\n", RegexOptions.Singleline)]
    private static partial Regex DataRx();

    [Fact]
    public void Threshold_run_embeds_each_interval_once_with_the_runs_inputs()
    {
        string html = HtmlReport.Render(WithPanel());
        var r = TestModels.Result();
        var data = JsonDocument.Parse(DataRx().Match(html).Groups[1].Value).RootElement;
        // Prices and hashprices round-trip exactly (the page must compute with the same doubles).
        var price = data.GetProperty("price").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var hp = data.GetProperty("hp").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(r.Price, price);
        Assert.Equal(r.Hashprice, hp);
        Assert.Equal(r.IntervalHours, data.GetProperty("dt").GetDouble());
        Assert.Equal(TestModels.Fee, data.GetProperty("fee").GetDouble());
        var run = data.GetProperty("run");
        Assert.Equal(TestModels.Eff, run.GetProperty("eff").GetDouble());
        Assert.Equal(TestModels.Adder, run.GetProperty("adder").GetDouble());
        Assert.Equal(TestModels.MinProfit, run.GetProperty("minProfit").GetDouble());
        Assert.Equal(TestModels.Mw, run.GetProperty("mw").GetDouble());
        // Month lengths add up to the intervals, one per monthly row.
        var months = data.GetProperty("months").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(r.Times.Length, months.Sum());
        Assert.Equal(r.Monthly.Count, months.Length);
        foreach (var id in new[] { "wi-eff", "wi-mult", "wi-adder", "wi-minProfit", "wi-mw", "wi-reset" })
            Assert.Contains("id=\"" + id + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"wi-off\"", html, StringComparison.Ordinal);
        Assert.Contains("Stay as run:", html, StringComparison.Ordinal);
        Assert.Contains("data-wi=\"profit\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Hysteresis_run_offers_the_band_and_not_the_minimum_profit()
    {
        string html = HtmlReport.Render(WithPanel(HysteresisOptions.AroundBreakeven(10, 5, 2, 1)));
        foreach (var id in new[] { "wi-off", "wi-on", "wi-offConfirm", "wi-onConfirm" })
            Assert.Contains("id=\"" + id + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"wi-minProfit\"", html, StringComparison.Ordinal);
        var data = JsonDocument.Parse(DataRx().Match(html).Groups[1].Value).RootElement;
        Assert.False(data.GetProperty("hyst").GetProperty("absolute").GetBoolean());
        Assert.Equal(10, data.GetProperty("run").GetProperty("off").GetDouble());
        Assert.Equal(2, data.GetProperty("run").GetProperty("offConfirm").GetInt32());
    }

    [Fact]
    public void Without_the_inputs_the_report_says_why_there_is_no_panel()
    {
        string html = HtmlReport.Render(TestModels.Model() with { WhatIfAbsentReason = "the page recomputes only the threshold and hysteresis rules; this run used optimal." });
        Assert.Contains("No what-if panel: the page recomputes only the threshold and hysteresis rules; this run used optimal.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("whatIfData", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"wi-eff\"", html, StringComparison.Ordinal);
    }
}
