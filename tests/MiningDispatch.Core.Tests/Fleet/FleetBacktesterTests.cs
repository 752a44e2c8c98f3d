using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Fleet;

/// <summary>
/// Three made-up models chosen so every number is exact in binary: hashprice 3/32 $/TH/day, no fee, no adder.
/// Revenue per MWh = 0.09375 × 1e6 / (24 × e): A 25 W/TH → 156.25, B 31.25 W/TH → 125, C 62.5 W/TH → 62.5 $/MWh.
/// A: 800 × 2500 W = 2 MW; B: 1000 × 2500 W = 2.5 MW; C: 400 × 2500 W = 1 MW; nameplate 5.5 MW, site cap 5 MW,
/// so always-on runs A, B and 200 of the 400 C machines (0.5 MW).
/// </summary>
public class FleetBacktesterTests
{
    private const double Tol = 1e-6;
    private static readonly MinerModel A = new("A", 100, 2500);
    private static readonly MinerModel B = new("B", 80, 2500);
    private static readonly MinerModel C = new("C", 40, 2500);
    private static readonly FleetSpec Fleet = new([new(C, 400), new(A, 800), new(B, 1000)], SiteCapMw: 5);

    //                                      t: 0    1     2       3    4       5
    private static readonly double[] Prices = [50, 62.5, 124.99, 125, 156.25, -10];

    [Fact]
    public void Merit_order_with_boundaries_and_a_binding_cap_hand_computed()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1, 6), Prices, 0.09375);
        var f = FleetBacktester.Run(m, Fleet, new SiteCommercials());
        var r = f.Result;

        Assert.Equal(["A", "B", "C"], f.MeritOrder.Select(t => t.Model.Name));
        Assert.Equal(5.0, f.AvailableMw, Tol);
        // t0: all economic, cap binds inside C (200 machines). t1: C at its breakeven → off (strict). t2: A, B.
        // t3: B at its breakeven → off. t4: A at its breakeven → off. t5: negative price, cap binds again.
        Assert.Equal([2.0, 2, 2, 2, 0, 2], f.MwRunning[0]);
        Assert.Equal([2.5, 2.5, 2.5, 0, 0, 2.5], f.MwRunning[1]);
        Assert.Equal([0.5, 0, 0, 0, 0, 0.5], f.MwRunning[2]);
        Assert.Equal([1.0, 0.9, 0.9, 0.4, 0, 1], r.Run);
        Assert.Equal([156.25, 125, 62.5], f.TrancheBreakeven.Select(b => b[0]));

        // Profit per interval: Σ MW_k × (breakeven_k − price).
        double[] profit = [2 * 106.25 + 2.5 * 75 + 0.5 * 12.5, 2 * 93.75 + 2.5 * 62.5, 2 * 31.26 + 2.5 * 0.01, 2 * 31.25, 0, 2 * 166.25 + 2.5 * 135 + 0.5 * 72.5];
        for (int t = 0; t < profit.Length; t++) Assert.Equal(profit[t], r.Profit[t], Tol);
        // Always-on runs 2 + 2.5 + 0.5 MW: revenue 312.5 + 312.5 + 31.25 = 656.25 $/h, cost 5 × price.
        for (int t = 0; t < Prices.Length; t++) Assert.Equal(656.25 - 5 * Prices[t], r.AlwaysOnProfit[t], Tol);

        var s = r.Summary;
        // Σ profit = 406.25 + 343.75 + 62.545 + 62.5 + 0 + 706.25 = 1581.295.
        Assert.Equal(406.25 + 343.75 + 62.545 + 62.5 + 0 + 706.25, s.ProfitUsd, Tol);
        // Always-on: 6 h × 656.25 − 5 MW × Σprice (50 + 62.5 + 124.99 + 125 + 156.25 − 10 = 508.74) = 3937.5 − 2543.7.
        Assert.Equal(6 * 656.25 - 5 * 508.74, s.AlwaysOnProfitUsd, Tol);
        Assert.Equal(1581.295 - 1393.8, s.UpliftUsd, Tol);
        Assert.Equal(2875.0, s.RevenueUsd, Tol);               // A 5 h × 312.5 + B 4 h × 312.5 + C 2 h × 31.25
        // Σ MW_t × price_t: 5 × 50 + 4.5 × 62.5 + 4.5 × 124.99 + 2 × 125 + 0 + 5 × (−10) = revenue − profit.
        Assert.Equal(5 * 50 + 4.5 * 62.5 + 4.5 * 124.99 + 2 * 125 + 0 + 5 * -10.0, s.PowerCostUsd, Tol);
        Assert.Equal(2875.0 - 1581.295, s.PowerCostUsd, Tol);
        Assert.Equal(21.0, s.EnergyMWh, Tol);
        Assert.Equal(4.2, s.OperatingHours, Tol);
        Assert.Equal(70.0, s.UptimePct, Tol);
        Assert.Equal(1.8, s.CurtailedHours, Tol);
        Assert.Equal((2875.0 - 1581.295) / 21.0, s.AvgPricePaidUsdPerMWh!.Value, Tol); // MW-weighted: cost / MWh
        // Fleet breakeven = that of the always-on mix: 5 MW / (80,000 + 80,000 + 8,000 TH/s) = 29.7619 W/TH.
        Assert.Equal(0.09375 * 1e6 / 24 / (5e6 / 168_000), s.Breakeven.Mean, Tol);

        Assert.Equal([1562.5, 1250, 62.5], f.Tranches.Select(x => x.RevenueUsd));
        Assert.Equal([10.0, 10, 1], f.Tranches.Select(x => x.EnergyMWh));
        Assert.Equal(100.0 * 10 / (2 * 6), f.Tranches[0].UtilisationPct, Tol);
        Assert.Equal("merit-order", r.Strategy);
    }

    [Fact]
    public void Without_a_cap_every_economic_tranche_runs_in_full()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1, 6), [50], 0.09375);
        var f = FleetBacktester.Run(m, Fleet with { SiteCapMw = null }, new SiteCommercials());
        Assert.Equal([2.0, 2.5, 1.0], f.MwRunning.Select(x => x[0]));
        Assert.Equal(5.5, f.AvailableMw, Tol);
        Assert.Equal(2 * 106.25 + 2.5 * 75 + 1 * 12.5, f.Result.Summary.ProfitUsd, Tol);
    }

    [Theory]
    [InlineData(5.0, 0.0)]   // margin of A exactly 5 $/MWh: not strictly above
    [InlineData(4.99, 2.0)]
    public void Fee_adder_and_min_profit_per_mwh(double minProfit, double mwA)
    {
        // Fee 25 %: breakevens A 117.1875, B 93.75, C 46.875. Price 100 + adder 12.1875 = 112.1875: A's margin is 5.
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1, 6), [100], 0.09375);
        var f = FleetBacktester.Run(m, Fleet, new SiteCommercials(0.25, new UsdPerMWh(12.1875), minProfit));
        Assert.Equal([mwA, 0, 0], f.MwRunning.Select(x => x[0]));
        Assert.Equal(mwA * 5, f.Result.Summary.ProfitUsd, Tol);
        Assert.Equal(117.1875, f.TrancheBreakeven[0][0], Tol);
    }

    [Fact]
    public void A_single_model_fleet_matches_the_single_site_threshold_backtest()
    {
        var rng = new Random(12);
        var prices = TestData.RandomPrices(rng, 500, baseLevel: 80, noise: 40);
        var hp = Enumerable.Range(0, 500).Select(i => 0.045 + 0.01 * Math.Cos(i / 50.0)).ToArray();
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1), prices, hp);
        var s21 = MinerCatalog.BuiltIn.Get("S21");
        var f = FleetBacktester.Run(m, new FleetSpec([new(s21, 2857)]), new SiteCommercials(0.02, new UsdPerMWh(5)));
        var site = new SiteSpec(new Megawatts(2857 * 3500 / 1e6), new WattsPerTerahash(17.5), 0.02, new UsdPerMWh(5));
        var r = Backtester.Run(m, site, new ThresholdStrategy());
        Assert.Equal(r.Run, f.Result.Run);
        Assert.Equal(r.Summary.ProfitUsd, f.Result.Summary.ProfitUsd, 1e-9 * Math.Abs(r.Summary.ProfitUsd));
        Assert.Equal(r.Summary.AlwaysOnProfitUsd, f.Result.Summary.AlwaysOnProfitUsd, 1e-9 * Math.Abs(r.Summary.AlwaysOnProfitUsd));
        Assert.Equal(r.Summary.EnergyMWh, f.Result.Summary.EnergyMWh, 1e-9);
        for (int t = 0; t < 500; t++) Assert.Equal(r.Breakeven[t], f.Result.Breakeven[t], 1e-9);
    }

    [Fact]
    public void Cap_below_one_machine_is_a_clear_error()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1), [50], 0.09375);
        var ex = Assert.Throws<ArgumentException>(() => FleetBacktester.Run(m, Fleet with { SiteCapMw = 0.001 }, new SiteCommercials()));
        Assert.Contains("smaller than one machine", ex.Message);
    }

    [Fact]
    public void Bad_fleets_are_rejected_with_the_tranche_named()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1), [50], 0.09375);
        var ex = Assert.Throws<ArgumentException>(() => FleetBacktester.Run(m, new FleetSpec([new(A, -3)]), new SiteCommercials()));
        Assert.Contains("'A'", ex.Message);
        Assert.Throws<ArgumentException>(() => FleetBacktester.Run(m, new FleetSpec([]), new SiteCommercials()));
        Assert.Throws<ArgumentException>(() => FleetBacktester.Run(m, Fleet, new SiteCommercials(PoolFee: 2)));
    }
}
