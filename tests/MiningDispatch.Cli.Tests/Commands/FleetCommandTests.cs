using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.SampleMarket;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>`backtest --fleet`: merit-order dispatch of a mixed fleet under a site cap, against a plain loop.</summary>
public sealed class FleetCommandTests
{
    private const double Fee = 0.02;

    /// <summary>Whole machines filled most efficient first, each model running when its own margin is positive.</summary>
    private static (double Profit, double AlwaysOn, double[] EnergyMWh) MeritOrder(DateTime from, DateTime to, (double Th, double W, int Count)[] models, double capMw)
    {
        var order = models.OrderBy(m => m.W / m.Th).ToArray();
        double profit = 0, ao = 0;
        var energy = new double[order.Length];
        foreach (var (t, p) in Rt(from, to))
        {
            double hp = Hashprice(t);
            double left = capMw * 1e6, aoLeft = capMw * 1e6;
            for (int k = 0; k < order.Length; k++)
            {
                var (th, w, count) = order[k];
                double revPerMachine = th * hp / 24 * (1 - Fee), costPerMachine = w / 1e6 * p;
                int aoN = Math.Min(count, (int)Math.Floor(aoLeft / w + 1e-9));
                aoLeft -= aoN * w;
                ao += aoN * (revPerMachine - costPerMachine);
                double breakeven = hp * (1 - Fee) * 1e6 / (24 * (w / th));
                if (!(breakeven - p > 0)) continue;
                int n = Math.Min(count, (int)Math.Floor(left / w + 1e-9));
                left -= n * w;
                profit += n * (revPerMachine - costPerMachine);
                energy[k] += n * w / 1e6;
            }
        }
        return (profit, ao, energy);
    }

    [Fact]
    public void Shorthand_fleet_under_a_cap_matches_a_hand_written_merit_order()
    {
        DateTime from = DayStartUtc(2024, 8, 1), to = DayStartUtc(2024, 9, 1);
        // Catalogue nameplates: S21 200 TH/s at 3,500 W; S19 XP 140 TH/s at 3,010 W.
        var e = MeritOrder(from, to, [(200, 3500, 1000), (140, 3010, 1500)], 6);
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--fleet", "S21:1000,S19 XP:1500", "--site-cap", "6", "--start", "2024-08-01", "--end", "2024-08-31",
            "--json", System.IO.Path.Combine(dir, "s.json"), "--out", System.IO.Path.Combine(dir, "out"));
        Assert.True(code == 0, stderr);
        var s = Json(System.IO.Path.Combine(dir, "s.json"));
        Assert.Equal(e.Profit, s.GetProperty("profitUsd").GetDouble(), 2);
        Assert.Equal(e.AlwaysOn, s.GetProperty("alwaysOnProfitUsd").GetDouble(), 2);
        // Per-model table: S21 first (17.5 W/TH), with its energy.
        Assert.Contains("Fleet by model", stdout);
        var s21 = stdout.Split('\n').First(l => l.TrimStart().StartsWith("S21 ", StringComparison.Ordinal));
        Assert.Contains(e.EnergyMWh[0].ToString("#,0.0", System.Globalization.CultureInfo.InvariantCulture), s21);
        var xp = stdout.Split('\n').First(l => l.TrimStart().StartsWith("S19 XP", StringComparison.Ordinal));
        Assert.Contains(e.EnergyMWh[1].ToString("#,0.0", System.Globalization.CultureInfo.InvariantCulture), xp);
        Assert.True(File.Exists(System.IO.Path.Combine(dir, "out", "charts", "fleet-mw.png")));
        Assert.Contains("Mixed fleet by model", File.ReadAllText(System.IO.Path.Combine(dir, "out", "report.html")));
        // No switching constraints: the optimum is the merit order at zero margin, i.e. this run.
        Assert.Equal(0, Money(stdout, "Regret vs the perfect-foresight optimum"));
    }

    [Fact]
    public void Fleet_file_with_a_custom_model_and_a_catalogue_override()
    {
        string dir = CliHarness.NewTempDir();
        string fleet = System.IO.Path.Combine(dir, "fleet.json");
        string miners = System.IO.Path.Combine(dir, "miners.json");
        File.WriteAllText(miners, """{ "miners": [ { "name": "S21", "terahashPerSecond": 190, "watts": 3600 } ] }""");
        File.WriteAllText(fleet, """
            { "siteCapMw": 2, "miners": [ { "model": "s21", "count": 300 }, { "name": "Old rig", "ths": 90, "watts": 3300, "count": 400 } ] }
            """);
        DateTime from = DayStartUtc(2024, 8, 1), to = DayStartUtc(2024, 8, 15);
        var e = MeritOrder(from, to, [(190, 3600, 300), (90, 3300, 400)], 2);
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--fleet", fleet, "--miners", miners, "--start", "2024-08-01", "--end", "2024-08-14",
            "--no-report", "--json", System.IO.Path.Combine(dir, "s.json"));
        Assert.True(code == 0, stderr);
        var s = Json(System.IO.Path.Combine(dir, "s.json"));
        Assert.Equal(e.Profit, s.GetProperty("profitUsd").GetDouble(), 2);
        Assert.Equal(e.AlwaysOn, s.GetProperty("alwaysOnProfitUsd").GetDouble(), 2);
    }

    [Fact]
    public void Any_strategy_runs_on_a_fleet_lagged_matches_a_hand_written_loop()
    {
        // Lagged: each model decides interval t from the price of t − 1 (initially on) against its own margin at the
        // hashprice of t; the 6 MW cap then fills whole machines most efficient first.
        DateTime from = DayStartUtc(2024, 8, 1), to = DayStartUtc(2024, 9, 1);
        (double Th, double W, int Count)[] order = [(200, 3500, 1000), (140, 3010, 1500)];   // S21 17.5 W/TH, S19 XP 21.5 W/TH
        var rt = Rt(from, to);
        double profit = 0;
        for (int i = 0; i < rt.Count; i++)
        {
            var (t, p) = rt[i];
            double hp = Hashprice(t), left = 6e6;
            foreach (var (th, w, count) in order)
            {
                double rev = th * hp / 24 * (1 - Fee), cost = w / 1e6 * p;
                bool on = i == 0 || rev * count - w * count / 1e6 * rt[i - 1].Price > 0;
                if (!on) continue;
                int n = Math.Min(count, (int)Math.Floor(left / w + 1e-9));
                left -= n * w;
                profit += n * (rev - cost);
            }
        }
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--fleet", "S21:1000,S19 XP:1500", "--site-cap", "6", "--strategy", "lagged",
            "--start", "2024-08-01", "--end", "2024-08-31", "--no-report", "--json", System.IO.Path.Combine(dir, "s.json"));
        Assert.True(code == 0, stderr);
        var s = Json(System.IO.Path.Combine(dir, "s.json"));
        Assert.Equal(profit, s.GetProperty("profitUsd").GetDouble(), 2);
        Assert.Contains("Fleet by model", stdout);
        Assert.Contains("lagged", stdout);
    }

    [Fact]
    public void Switching_constraints_on_a_capped_fleet_report_the_optimums_bound()
    {
        string dir = CliHarness.NewTempDir(), outDir = System.IO.Path.Combine(dir, "out");
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--fleet", "S21:1000,S19 XP:1500", "--site-cap", "6", "--strategy", "hysteresis",
            "--min-up", "3", "--min-down", "2", "--restart-cost", "40", "--start", "2024-08-01", "--end", "2024-08-14", "--out", outDir);
        Assert.True(code == 0, stderr);
        string result = File.ReadAllText(System.IO.Path.Combine(outDir, "result.json"));
        Assert.Contains("the site cap binds", result);
        Assert.Contains("upper bound", result);
        Assert.Contains("each model runs hysteresis as its own site", result);
        Assert.Contains("(per model)", stdout);
        // Hysteresis ignores the constraints: the comparison charges its restarts per model, and as its schedule breaks
        // the minimum down time the optimum obeys, it is flagged infeasible instead of being given a regret.
        Assert.Contains("Infeasible: the hysteresis schedule breaks the minimum down time", stdout);
        Assert.DoesNotContain("Regret vs the perfect-foresight optimum", stdout);
        Assert.Contains("\"feasible\": false", File.ReadAllText(System.IO.Path.Combine(outDir, "summary.json")));
    }

    [Theory]
    [InlineData(new[] { "--fleet", "S99:10" }, "Unknown miner model 'S99'")]
    [InlineData(new[] { "--fleet", "S21" }, "is not model:count")]
    [InlineData(new[] { "--fleet", "S21:-3" }, "must be a positive whole number")]
    [InlineData(new[] { "--fleet", "S21:10", "--strategy", "nosuch" }, "--strategy 'nosuch' is not known")]
    [InlineData(new[] { "--fleet", "S21:10", "--mw", "5" }, "--mw and --efficiency describe a single-model site")]
    [InlineData(new[] { "--fleet", "S21:10", "--ppa", "/nonexistent/ppa.json" }, "PPA file not found: /nonexistent/ppa.json")]
    [InlineData(new[] { "--fleet", "S21:10", "--da-prices", "/nonexistent/da.csv" }, "/nonexistent/da.csv")]
    [InlineData(new[] { "--site-cap", "5" }, "--site-cap applies to a --fleet")]
    [InlineData(new[] { "--fleet", "/nonexistent/fleet.json" }, "Fleet file not found: /nonexistent/fleet.json")]
    public void Bad_fleet_settings_exit_2_with_a_message(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["backtest", "--no-report", "--start", "2024-01-01", "--end", "2024-01-07", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Fleet_file_with_a_bad_entry_names_the_file_and_the_entry()
    {
        string dir = CliHarness.NewTempDir();
        string fleet = System.IO.Path.Combine(dir, "fleet.json");
        File.WriteAllText(fleet, """{ "miners": [ { "model": "S21", "count": 10 }, { "model": "S19 XP", "count": 2.5 } ] }""");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--fleet", fleet);
        Assert.Equal(2, code);
        Assert.Contains($"{fleet}, miner 2: \"count\" must be a positive whole number (got 2.5)", stderr);
    }
}
