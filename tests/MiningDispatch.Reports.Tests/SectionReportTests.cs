using System.Globalization;
using System.Text.RegularExpressions;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Units;
using MiningDispatch.Reports.Charts;
using MiningDispatch.Reports.Sections;

namespace MiningDispatch.Reports.Tests;

/// <summary>The optional sections: rendered with hand-computed numbers, escaped, charted, exported.</summary>
public class SectionReportTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private const string HostileName = "PPA </script><img src=x onerror=alert(3)>";

    internal static BacktestRun Model()
    {
        var market = TestModels.Market();
        var site = TestModels.Site;
        var cmp = StrategyComparison.Run(market, site, new ThresholdStrategy(), OptimalOptions.None);
        var problem = new DispatchProblem(market, site);
        var contract = new PpaContract([new PpaTranche(PowerBlock.SevenBy24, new Megawatts(4), new UsdPerMWh(30), new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31))], HostileName);
        var settled = PpaSettlement.Settle(problem, cmp.Strategy.Result.Run, contract);
        var fleet = FleetBacktester.Run(market, new FleetSpec([new FleetTranche(new MinerModel("<b>rig</b>", 100, 2500), 2000)], 4), new SiteCommercials(0.02));
        var spec = new SweepSpec([20, 25], [0.8, 1.2], [5], [700]);
        var sweep = SweepEngine.Run(market, site, spec, 1);
        var tornado = SweepEngine.Tornado(market, site, [new TornadoRange(SweepParameter.Efficiency, 20, 25), new TornadoRange(SweepParameter.HashpriceMultiplier, 0.8, 1.2)]);
        var grid = SweepEngine.Grid(market, site, SweepParameter.Efficiency, [20, 25], SweepParameter.HashpriceMultiplier, [0.8, 1.2]);
        var be = BreakevenSurfaces.PowerPrice([20, 25], [40, 60], 0.02);
        double[] monthly = [-10, 20, 30, 40, 50];
        return new BacktestRun(cmp.Strategy.Result, TestModels.Info(), [cmp.Optimal.Result])
        {
            Comparison = ComparisonSection.From(cmp, "none"),
            Contract = settled,
            Fleet = fleet,
            Risk = new RiskSection(RiskMetrics.Summarize(monthly), monthly, null),
            Sweep = new SweepSection(sweep, SweepEngine.BasePoint(site), tornado, grid, be, sweep.Scenarios.OrderByDescending(s => s.ProfitUsd).ToList()),
        };
    }

    private static readonly Lazy<string> Html = new(() => HtmlReport.Render(Model()));

    [Fact]
    public void Comparison_shows_regret_and_captured_uplift_computed_by_hand()
    {
        // Threshold at $700/h against the optimum (run whenever net > 0) and always-on.
        double strat = 0, opt = 0, ao = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            var (rev, cost) = TestModels.HandHour(TestModels.PriceAt(t), TestModels.HashpricePhDay(t / 24));
            double net = rev - cost;
            ao += net;
            if (net > 0) opt += net;
            if (net > TestModels.MinProfit) strat += net;
        }
        string html = Html.Value;
        Assert.Contains("Against the perfect-foresight optimum", html);
        Assert.Contains($"<th>Regret (optimum − strategy, on site totals after restart costs)</th><td>{Usd(opt - strat)}</td>", html);
        Assert.Contains($"<td>{(100 * (strat - ao) / (opt - ao)).ToString("N1", Ci)} %</td>", html);
    }

    [Fact]
    public void Section_names_are_escaped_everywhere()
    {
        string html = Html.Value;
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>rig</b>", html);
        Assert.Contains("Contract: PPA &lt;/script&gt;&lt;img src=x onerror=alert(3)&gt;", html);
        Assert.Contains("&lt;b&gt;rig&lt;/b&gt;", html);
        Assert.Equal(2, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        // The fleet legend in the plotly JSON is script-safe too.
        Assert.Contains(@"\u003cb\u003erig\u003c/b\u003e", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Contract_risk_and_sweep_tables_hold_hand_computed_numbers()
    {
        string html = Html.Value;
        var r = TestModels.Result();
        // Contract value = Σ 4 MWh × (price − 30) over every hour; total − mining profit at market equals it.
        double value = 0;
        for (int t = 0; t < 72; t++) if (t != TestModels.MissingIndex) value += 4 * (TestModels.PriceAt(t) - 30);
        Assert.Contains($"<th>… of which contract value vs market</th><td>{Usd(value)}</td>", html);
        Assert.Contains($"<th>… of which mining profit at market prices</th><td>{Usd(r.Summary.ProfitUsd)}</td>", html);
        // Risk of [-10, 20, 30, 40, 50]: mean 26; P5 = -10 + 0.2 x 30 = -4, so VaR95 = 4 (a loss); CVaR95 = mean of the
        // outcomes at or below P5 = -(-10) = 10.
        var riskRow = Regex.Match(html, "<tr><td class=\"nowrap\">Historical monthly profit</td>(.*?)</tr>").Groups[1].Value;
        Assert.StartsWith("<td class=\"num\">$26</td>", riskRow);
        Assert.Contains(">loss $4</td><td class=\"num\">loss $10</td>", riskRow);
        // Sweep: scenario 25 W/TH, hashprice x1.2, adder $5, min profit $700 by hand.
        double profit = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            double rev = TestModels.Mw * 1e6 / 25 * (TestModels.HashpricePhDay(t / 24) * 1.2 / 1000) / 24 * (1 - TestModels.Fee);
            double net = rev - TestModels.Mw * (TestModels.PriceAt(t) + 5);
            if (net > 700) profit += net;
        }
        Assert.Contains($"<td class=\"nowrap\">25</td><td class=\"num\">1.2</td><td class=\"num\">5</td><td class=\"num\">700</td><td class=\"num\">{Whole(profit)}</td>", html);
    }

    [Fact]
    public void Section_figures_are_added_to_the_loader_and_toc()
    {
        var figures = HtmlReportTests.ExtractFigures(Html.Value);
        var ids = figures.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var id in new[] { "chart-fleet", "chart-contract", "chart-risk", "chart-tornado", "chart-heatmap", "chart-breakeven" })
        {
            Assert.Contains(id, ids);
            Assert.Contains($"<div id=\"{id}\" class=\"chart\"></div>", Html.Value);
        }
        foreach (var anchor in new[] { "#fleet", "#contract", "#risk", "#sweep", "#comparison" }) Assert.Contains($"<a href=\"{anchor}\">", Html.Value);
        // Risk histogram: 5 observations in at most 5 bins, counts add up.
        var counts = figures.GetProperty("chart-risk").GetProperty("data")[0].GetProperty("y").EnumerateArray().Sum(v => v.GetInt32());
        Assert.Equal(5, counts);
    }

    [Fact]
    public void RenderAll_adds_one_png_per_section_chart()
    {
        string dir = TestModels.TempDir();
        var paths = ChartRenderer.RenderAll(Model(), dir);
        var names = paths.Select(Path.GetFileName).ToList();
        Assert.Equal(ChartRenderer.FileNames, names.Take(6));
        Assert.Equal(["fleet-mw.png", "contract-monthly.png", "risk-histogram.png", "tornado.png", "profit-heatmap.png", "breakeven-surface.png"], names.Skip(6));
        foreach (var p in paths) Assert.Equal((1200, 600), Png.ReadSize(p));
    }

    [Fact]
    public void Writer_exports_every_sweep_scenario_to_csv()
    {
        string dir = TestModels.TempDir();
        var model = Model();
        var files = ReportWriter.WriteAll(model, dir);
        string csv = Assert.Single(files.SectionCsvs);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(1 + model.Sweep!.Result.Count, lines.Length);
        Assert.StartsWith("efficiency_w_per_th,hashprice_multiplier,adder_usd_per_mwh,min_profit_usd_per_h,profit_usd", lines[0]);
        for (int i = 0; i < model.Sweep.Result.Count; i++)
        {
            var f = lines[i + 1].Split(',');
            var s = model.Sweep.Result.Scenarios[i];
            Assert.Equal(s.Point.EfficiencyWPerTh, double.Parse(f[0], Ci));
            Assert.Equal(s.ProfitUsd, double.Parse(f[4], Ci)); // round-trip exact
        }
    }

    [Fact]
    public void Histogram_bins_by_hand()
    {
        var (edges, counts) = SectionData.Histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10], 5);
        Assert.Equal([0, 2, 4, 6, 8, 10], edges);
        Assert.Equal([2, 2, 2, 2, 4], counts); // the maximum falls in the last bin
    }

    private static string Usd(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N2", Ci);
    private static string Whole(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N0", Ci);
}
