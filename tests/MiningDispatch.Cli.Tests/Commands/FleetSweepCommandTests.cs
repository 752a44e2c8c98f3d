using System.Globalization;
using MiningDispatch.Cli.Tests.Support;
using MiningDispatch.Reports;
using static MiningDispatch.Cli.Tests.Support.SampleMarket;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// <c>sweep --fleet</c> end to end on the sample data. Every scenario is recomputed here with a plain loop over the
/// hours: whole machines, most efficient first, under the scenario's cap. S21: 200 TH/s at 3,500 W (17.5 W/TH);
/// S19 XP: 140 TH/s at 3,010 W (21.5 W/TH).
/// </summary>
public sealed class FleetSweepCommandTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private const double Fee = 0.02;

    private static (string Out, string Dir) Run(params string[] args)
    {
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, [.. args, "--no-prompt", "--json", System.IO.Path.Combine(dir, "s.json"), "--out", System.IO.Path.Combine(dir, "out")]);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        return (stdout, dir);
    }

    private sealed record Machine(double Ths, double Watts, int Count);

    /// <summary>Machines that fit under <paramref name="capMw"/>, in merit order (most efficient first), whole machines only.</summary>
    private static int[] UnderCap(Machine[] meritOrder, double capMw)
    {
        double left = capMw * 1e6;
        var n = new int[meritOrder.Length];
        for (int k = 0; k < meritOrder.Length; k++)
        {
            n[k] = (int)Math.Min(meritOrder[k].Count, Math.Floor(left / meritOrder[k].Watts));
            left -= n[k] * meritOrder[k].Watts;
        }
        return n;
    }

    /// <summary>Threshold rule per model at zero minimum profit: a machine runs when its revenue beats its power cost.</summary>
    private static (double Profit, double AlwaysOn, double EnergyMWh) HandLoop(Machine[] meritOrder, double capMw, double mult, double adder, DateTime from, DateTime to)
    {
        var n = UnderCap(meritOrder, capMw);
        double profit = 0, alwaysOn = 0, energy = 0;
        foreach (var (t, price) in Rt(from, to))
        {
            double hp = Hashprice(t) * mult;
            for (int k = 0; k < meritOrder.Length; k++)
            {
                var m = meritOrder[k];
                double net = n[k] * (m.Ths * hp * (1 - Fee) / 24.0 - m.Watts / 1e6 * (price + adder));
                alwaysOn += net;
                if (net > 0) { profit += net; energy += n[k] * m.Watts / 1e6; }
            }
        }
        return (profit, alwaysOn, energy);
    }

    [Fact]
    public void Fleet_sweep_scenarios_equal_a_plain_merit_order_loop_over_whole_machines()
    {
        Machine[] fleet = [new(200, 3500, 500), new(140, 3010, 1000)];
        var (stdout, dir) = Run("sweep", "--fleet", "S21:500,S19 XP:1000", "--site-cap-range", "1.5,4", "--hashprice-mult", "0.8,1.2", "--adder", "3",
            "--start", "2024-07-01", "--end", "2024-07-14");
        var rows = Csv(System.IO.Path.Combine(dir, "out", "sweep.csv"));
        Assert.Equal(4, rows.Count);
        DateTime from = DayStartUtc(2024, 7, 1), to = DayStartUtc(2024, 7, 15);
        foreach (var (cap, mult) in new[] { (1.5, 0.8), (1.5, 1.2), (4.0, 0.8), (4.0, 1.2) })
        {
            var row = rows.Single(r => r.D("site_cap_mw") == cap && r.D("hashprice_multiplier") == mult);
            var (profit, alwaysOn, energy) = HandLoop(fleet, cap, mult, 3, from, to);
            Assert.Equal(profit, row.D("profit_usd"), 1e-6 * Math.Abs(profit));
            Assert.Equal(alwaysOn, row.D("always_on_profit_usd"), 1e-6 * Math.Abs(alwaysOn));
            Assert.Equal(energy, row.D("energy_mwh"), 1e-6 * energy);
            Assert.Equal(3, row.D("adder_usd_per_mwh"));
            // W/TH of the machines under the cap: 1.5 MW holds 428 S21 only; 4 MW holds all 500 S21 and 747 S19 XP.
            var n = UnderCap(fleet, cap);
            double wPerTh = (n[0] * 3500.0 + n[1] * 3010.0) / (n[0] * 200.0 + n[1] * 140.0);
            Assert.Equal(wPerTh, row.D("efficiency_w_per_th"), 1e-12);
        }
        Assert.Equal([428, 0], UnderCap(fleet, 1.5));
        Assert.Equal([500, 747], UnderCap(fleet, 4));
        // The report's run is the base scenario: the first of two caps (1.5 MW), hashprice as given, adder 3.
        var (baseProfit, baseAlwaysOn, _) = HandLoop(fleet, 1.5, 1, 3, from, to);
        var summary = Json(System.IO.Path.Combine(dir, "s.json"));
        Assert.Equal(baseProfit, summary.GetProperty("profitUsd").GetDouble(), 1e-6 * Math.Abs(baseProfit));
        Assert.Equal(baseAlwaysOn, summary.GetProperty("alwaysOnProfitUsd").GetDouble(), 1e-6 * Math.Abs(baseAlwaysOn));
        Assert.Contains("Top 4 of 4 scenarios by profit (whole fleet)", stdout);
        Assert.Contains("Profit by site cap (rows, MW)", stdout);

        // result.json keeps the fleet axes: the tornado's cap bar and the cap x multiplier grid, both by hand.
        var run = ResultJson.Load(System.IO.Path.Combine(dir, "out", "result.json"));
        var sw = run.Sweep!;
        Assert.Equal(1.5, sw.Base.SiteCapMw);
        Assert.Equal([1.5, 1.5, 4, 4], sw.Result.Scenarios.Select(s => s.Point.SiteCapMw!.Value).ToArray());
        var capBar = sw.Tornado.Bars.Single(b => b.Parameter == Core.Sweep.SweepParameter.SiteCap);
        Assert.Equal(baseProfit, capBar.ProfitAtLowUsd, 1e-6 * Math.Abs(baseProfit));
        double at4 = HandLoop(fleet, 4, 1, 3, from, to).Profit;
        Assert.Equal(at4, capBar.ProfitAtHighUsd, 1e-6 * Math.Abs(at4));
        var grid = sw.Grid!;
        Assert.Equal(Core.Sweep.SweepParameter.SiteCap, grid.RowParameter);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                double p = HandLoop(fleet, grid.RowValues[i], grid.ColumnValues[j], 3, from, to).Profit;
                Assert.Equal(p, grid.ProfitUsd[i, j], 1e-6 * Math.Abs(p));
            }
        foreach (var png in new[] { "tornado.png", "profit-heatmap.png", "breakeven-surface.png" })
            Assert.True(File.Exists(System.IO.Path.Combine(dir, "out", "charts", png)), png);
        string html = File.ReadAllText(System.IO.Path.Combine(dir, "out", "report.html"));
        Assert.Contains("Site cap (MW)", html);
    }

    [Fact]
    public void A_fleet_of_one_equals_the_single_site_sweep_on_the_shared_axes()
    {
        // 1,000 S19 XP = 3.01 MW at 3,010,000 W / 140,000 TH/s = 21.5 W/TH.
        string[] axes = ["--hashprice-mult", "0.8,1.25", "--adder", "0,5", "--min-profit", "0,250", "--start", "2024-08-01", "--end", "2024-08-20"];
        var (_, fleetDir) = Run(["sweep", "--fleet", "S19 XP:1000", .. axes]);
        var (_, singleDir) = Run(["sweep", "--mw", "3.01", "--efficiency", "21.5", .. axes]);
        var fleet = Csv(System.IO.Path.Combine(fleetDir, "out", "sweep.csv"));
        var single = Csv(System.IO.Path.Combine(singleDir, "out", "sweep.csv"));
        Assert.Equal(8, single.Count);
        Assert.Equal(single.Count, fleet.Count);
        for (int i = 0; i < single.Count; i++)
        {
            Assert.Equal("", fleet[i]["site_cap_mw"]); // no cap
            foreach (var c in new[] { "efficiency_w_per_th", "hashprice_multiplier", "adder_usd_per_mwh", "min_profit_usd_per_h" })
                Assert.Equal(single[i].D(c), fleet[i].D(c));
            foreach (var c in new[] { "profit_usd", "revenue_usd", "power_cost_usd", "operating_hours", "energy_mwh", "always_on_profit_usd", "mean_breakeven_usd_per_mwh" })
                Assert.Equal(single[i].D(c), fleet[i].D(c), 1e-9 * Math.Max(1, Math.Abs(single[i].D(c))));
        }
        Assert.True(single.Select(r => r.D("profit_usd")).Distinct().Count() >= 4, "the axes should move the profit");
        var fs = Json(System.IO.Path.Combine(fleetDir, "s.json")).GetProperty("profitUsd").GetDouble();
        var ss = Json(System.IO.Path.Combine(singleDir, "s.json")).GetProperty("profitUsd").GetDouble();
        Assert.Equal(ss, fs, 1e-9 * Math.Abs(ss));
    }

    [Fact]
    public void Fleet_sweep_takes_another_strategy()
    {
        var (stdout, dir) = Run("sweep", "--fleet", "S21:500,S19 XP:1000", "--site-cap-range", "2:4:1", "--min-profit", "0,100", "--strategy", "hysteresis",
            "--off-margin", "5", "--on-margin", "5", "--start", "2024-07-01", "--end", "2024-07-10", "--top", "3");
        var rows = Csv(System.IO.Path.Combine(dir, "out", "sweep.csv"));
        Assert.Equal(6, rows.Count);
        Assert.Equal([2, 2, 3, 3, 4, 4], rows.Select(r => r.D("site_cap_mw")).ToArray());
        // Energy never exceeds the cap over the 240 hours.
        foreach (var r in rows) Assert.InRange(r.D("energy_mwh"), 0, r.D("site_cap_mw") * 240 + 1e-6);
        Assert.Contains("Top 3 of 6 scenarios", stdout);
    }

    [Theory]
    [InlineData(new[] { "--fleet", "S21:500", "--efficiency", "17.5,21.5" }, "--efficiency")]
    [InlineData(new[] { "--site-cap-range", "1,2" }, "--site-cap-range sweeps the site cap of a fleet")]
    [InlineData(new[] { "--fleet", "S21:500", "--site-cap-range", "0,1" }, "--site-cap-range value must be between 0 and 10,000 MW (got 0)")]
    [InlineData(new[] { "--fleet", "S21:500", "--site-cap", "1", "--site-cap-range", "1,2" }, "not both")]
    [InlineData(new[] { "--fleet", "S21:500", "--min-up", "3" }, "--min-up")]
    [InlineData(new[] { "--strategy", "hysteresis" }, "other strategies need --fleet")]
    public void Bad_fleet_sweep_settings_exit_2_with_a_message(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["sweep", "--no-report", "--no-prompt", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }
}
