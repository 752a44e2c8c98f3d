using MiningDispatch.Reports;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// risk and forecast --paths take a fleet. A fleet of one model is the single site with that model's MW and W/TH:
/// 1,000 S19 XP (140 TH/s, 3,010 W each: 3,010,000 W / 140,000 TH/s = 21.5 W/TH; 3.01 MW) against --mw 3.01
/// --efficiency 21.5, so every simulated path must agree.
/// </summary>
public class FleetRiskForecastTests
{
    private static BacktestRun Run(params string[] args)
    {
        string dir = CliHarness.NewTempDir();
        var (code, _, err) = CliHarness.Run(null, [.. args, "--out", dir]);
        Assert.True(code == 0, err);
        return ResultJson.Load(Path.Combine(dir, "result.json"));
    }

    private static void SamePaths(MonteCarloResultView a, MonteCarloResultView b)
    {
        Assert.Equal(a.Profit.Length, b.Profit.Length);
        Assert.True(a.Profit.Length >= 20);
        for (int i = 0; i < a.Profit.Length; i++)
        {
            Assert.Equal(a.Profit[i], b.Profit[i], 1e-9 * Math.Max(1, Math.Abs(a.Profit[i])));
            Assert.Equal(a.Revenue[i], b.Revenue[i], 1e-9 * Math.Max(1, Math.Abs(a.Revenue[i])));
        }
    }

    private sealed record MonteCarloResultView(double[] Profit, double[] Revenue);

    private static MonteCarloResultView Paths(BacktestRun r)
    {
        var mc = r.Risk?.MonteCarlo ?? throw new InvalidOperationException("no Monte Carlo in the result");
        return new(mc.PathProfitUsd, mc.PathRevenueUsd);
    }

    [Fact]
    public void Risk_on_a_fleet_of_one_equals_the_single_site()
    {
        string[] common = ["risk", "--start", "2023-08-01", "--end", "2024-07-31", "--paths", "20", "--seed", "7", "--horizon-days", "60", "--no-prompt"];
        var fleet = Run([.. common, "--fleet", "S19 XP:1000"]);
        var single = Run([.. common, "--mw", "3.01", "--efficiency", "21.5"]);
        SamePaths(Paths(fleet), Paths(single));
        Assert.NotNull(fleet.Fleet);
        var hf = fleet.Risk!.HistoricalMonthlyProfitsUsd;
        var hs = single.Risk!.HistoricalMonthlyProfitsUsd;
        Assert.True(hs.Count >= 10, $"{hs.Count} complete months");
        Assert.Equal(hs.Count, hf.Count);
        for (int i = 0; i < hs.Count; i++) Assert.Equal(hs[i], hf[i], 1e-9 * Math.Abs(hs[i]));
    }

    [Fact]
    public void Risk_on_a_capped_mixed_fleet_runs_and_stays_under_the_cap()
    {
        var r = Run("risk", "--start", "2023-08-01", "--end", "2024-07-31", "--paths", "10", "--seed", "3", "--horizon-days", "30",
            "--fleet", "S21:500,S19 XP:1000", "--site-cap", "4", "--strategy", "hysteresis", "--off-margin", "5", "--on-margin", "5");
        var mc = r.Risk!.MonteCarlo!;
        Assert.Equal(10, mc.PathProfitUsd.Length);
        // 30 days at no more than the 4 MW cap: at most 4 x 24 x 30 = 2,880 MWh per path.
        Assert.All(mc.PathEnergyMWh, e => Assert.InRange(e, 0, 4 * 24 * 30 + 1e-6));
    }

    [Fact]
    public void Forecast_paths_on_a_fleet_of_one_equal_the_single_site()
    {
        string curve = Path.Combine(CliHarness.SampleDir, "forward_curve_ILLUSTRATIVE_hb_west_2027.csv");
        string[] common = ["forecast", "--curve", curve, "--hashprice-path", "flat:50", "--months", "2", "--paths", "20", "--seed", "5"];
        var fleet = Run([.. common, "--fleet", "S19 XP:1000"]);
        var single = Run([.. common, "--mw", "3.01", "--efficiency", "21.5"]);
        SamePaths(Paths(fleet), Paths(single));
    }
}
