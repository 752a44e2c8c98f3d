using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Fleet;

/// <summary>
/// The site engine: any strategy on a fleet. Models as in <see cref="FleetBacktesterTests"/> (exact in binary at
/// hashprice 3/32 $/TH/day, no fee): breakeven A 156.25, B 125, C 62.5 $/MWh; A 2 MW, B 2.5 MW, C 1 MW.
/// </summary>
public class SiteBacktesterTests
{
    private const double Tol = 1e-6;
    private static readonly MinerModel A = new("A", 100, 2500);
    private static readonly MinerModel B = new("B", 80, 2500);
    private static readonly MinerModel C = new("C", 40, 2500);
    private static readonly FleetSpec Fleet = new([new(C, 400), new(A, 800), new(B, 1000)], SiteCapMw: 5);
    private static readonly double[] Prices = [50, 62.5, 124.99, 125, 156.25, -10];

    [Fact]
    public void Threshold_on_the_hand_example_is_bit_identical_to_the_merit_order_including_ties_at_breakeven()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1, 6), Prices, 0.09375);
        var expected = FleetBacktester.Run(m, Fleet, new SiteCommercials());
        var actual = SiteBacktester.Run(m, SiteModel.FromFleet(Fleet, new SiteCommercials()), new ThresholdStrategy(), strategyName: FleetBacktester.StrategyName);
        AssertIdentical(expected, actual);
        Assert.Equal([2.0, 2, 2, 2, 0, 2], actual.MwRunning[0]);
        Assert.Equal([0.5, 0, 0, 0, 0, 0.5], actual.MwRunning[2]);
    }

    public static TheoryData<double?, double, double, double, bool> MeritOrderCases => new()
    {
        // cap MW, pool fee, adder, min profit $/MWh, 4CP-style curtailment
        { 5.0, 0.0, 0.0, 0.0, false },
        { null, 0.02, 4.5, 0.0, false },
        { 3.3, 0.02, 4.5, 7.5, false },
        { 6.0, 0.015, -2.0, 3.0, true },
        { 0.9, 0.0, 0.0, -5.0, true },
    };

    [Theory]
    [MemberData(nameof(MeritOrderCases))]
    public void Threshold_on_a_fleet_is_bit_identical_to_FleetBacktester(double? cap, double fee, double adder, double minProfit, bool curtailSome)
    {
        var rng = new Random(7);
        int n = 24 * 45;
        var prices = TestData.RandomPrices(rng, n, baseLevel: 90, noise: 70);
        var hp = Enumerable.Range(0, n).Select(i => 0.06 + 0.03 * Math.Sin(i / 100.0) + 0.002 * rng.NextDouble()).ToArray();
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1, 5), prices, hp);
        var fleet = Fleet with { SiteCapMw = cap };
        var commercials = new SiteCommercials(fee, new UsdPerMWh(adder), minProfit);
        bool[]? curtail = curtailSome ? Enumerable.Range(0, n).Select(i => i % 37 == 3).ToArray() : null;

        var expected = FleetBacktester.Run(m, fleet, commercials, null, curtail);
        var actual = SiteBacktester.Run(m, SiteModel.FromFleet(fleet, commercials), new ThresholdStrategy(), null, curtail, FleetBacktester.StrategyName);
        AssertIdentical(expected, actual);
        // Not trivially all-on or all-off.
        Assert.Contains(actual.Result.Run, x => x == 0);
        Assert.Contains(actual.Result.Run, x => x > 0);
    }

    [Fact]
    public void Always_on_fills_the_cap_with_the_most_efficient_machines()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1, 6), Prices, 0.09375);
        var f = SiteBacktester.Run(m, SiteModel.FromFleet(Fleet, new SiteCommercials()), new AlwaysOnStrategy());
        for (int t = 0; t < Prices.Length; t++)
        {
            Assert.Equal(2.0, f.MwRunning[0][t], Tol);
            Assert.Equal(2.5, f.MwRunning[1][t], Tol);
            Assert.Equal(0.5, f.MwRunning[2][t], Tol);   // 200 of the 400 C machines fit under 5 MW
            Assert.Equal(1.0, f.Result.Run[t]);
        }
        Assert.Equal(f.Result.Summary.AlwaysOnProfitUsd, f.Result.Summary.ProfitUsd, Tol);
        Assert.Equal(6 * 656.25 - 5 * Prices.Sum(), f.Result.Summary.ProfitUsd, Tol);
    }

    [Fact]
    public void Lagged_on_a_fleet_hand_computed()
    {
        // Each model decides t from the price of t − 1 against its own breakeven (initially on); the cap then limits.
        // t0 all on (cap: C 0.5 MW); t1 from 50: all (cap); t2 from 62.5: C at breakeven → off; t3 from 124.99: A, B;
        // t4 from 125: B at breakeven → off; t5 from 156.25: A at breakeven → off.
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1, 6), Prices, 0.09375);
        var f = SiteBacktester.Run(m, SiteModel.FromFleet(Fleet, new SiteCommercials()), new LaggedStrategy());
        Assert.Equal([2.0, 2, 2, 2, 2, 0], f.MwRunning[0]);
        Assert.Equal([2.5, 2.5, 2.5, 2.5, 0, 0], f.MwRunning[1]);
        Assert.Equal([0.5, 0.5, 0, 0, 0, 0], f.MwRunning[2]);
        // Profit = Σ MW_k × (breakeven_k − price_t).
        double[] profit = [2 * 106.25 + 2.5 * 75 + 0.5 * 12.5, 2 * 93.75 + 2.5 * 62.5, 2 * 31.26 + 2.5 * 0.01, 2 * 31.25, 0, 0];
        for (int t = 0; t < profit.Length; t++) Assert.Equal(profit[t], f.Result.Profit[t], Tol);
        Assert.Equal(875.045, f.Result.Summary.ProfitUsd, Tol);
        Assert.Equal("lagged", f.Result.Strategy);
        Assert.Equal([2.0 * 5, 2.5 * 4, 0.5 * 2], f.Tranches.Select(x => x.EnergyMWh));
    }

    [Fact]
    public void Min_profit_is_scaled_to_each_models_share()
    {
        // Min profit 40 $/MWh: at price 100, A's margin 56.25 > 40 runs; B's 25 does not; C's −37.5 does not.
        var m = TestData.Hourly(TestData.Utc(2024, 3, 1, 6), [100.0], 0.09375);
        var site = SiteModel.FromFleet(Fleet with { SiteCapMw = null }, new SiteCommercials(MinProfitUsdPerMWh: 40));
        Assert.Equal([2 * 40.0, 2.5 * 40, 1 * 40], site.TrancheSites.Select(s => s.MinProfitUsdPerHour));
        var f = SiteBacktester.Run(m, site, new ThresholdStrategy());
        Assert.Equal([2.0, 0, 0], f.MwRunning.Select(x => x[0]));
    }

    /// <summary>Every strategy through the site engine on a fleet of one gives the single-site comparison.</summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void A_single_site_is_a_fleet_of_one_for_every_strategy(double intervalHours)
    {
        var hourly = NonAnticipation.SampleMarket(seed: 5);
        var market = TestData.Intervals(hourly.StartsUtc[0], hourly.PriceUsdPerMWh, hourly.HashpriceUsdPerThDay, intervalHours, hourly.DayAheadPriceUsdPerMWh);
        var sites = new[]
        {
            new SiteSpec(new Megawatts(12.3), new WattsPerTerahash(21.7), 0.02, new UsdPerMWh(4.25)),
            new SiteSpec(new Megawatts(7), new WattsPerTerahash(17.5), 0.0, default, MinProfitUsdPerHour: 55),
        };
        var constraintSets = new[]
        {
            OptimalOptions.None,
            new OptimalOptions(MinUpIntervals: 4, MinDownIntervals: 3, RestartCostUsdPerMw: 12.5, InitiallyOn: false),
        };
        int checkedRuns = 0;
        foreach (var site in sites)
            foreach (var c in constraintSets)
                foreach (string name in StrategyFactory.Names)
                {
                    var options = new StrategyParameters(new Dictionary<string, double>
                    {
                        ["offMargin"] = 5, ["onMargin"] = 5, ["offConfirm"] = 2, ["onConfirm"] = 2, ["lag"] = 2,
                    })
                    { Switching = c };
                    // Lagged starting off is no option of its descriptor: built directly.
                    var strategy = name == LaggedStrategy.StrategyName
                        ? new LaggedStrategy(new LaggedOptions(2, InitiallyOn: false))
                        : StrategyFactory.Create(name, options);
                    var expected = StrategyComparison.Run(market, site, strategy, c);
                    var actual = SiteComparison.Run(market, SiteModel.FromSite(site), strategy, c);
                    string at = $"{name}, {site.Capacity.Value} MW, min up {c.MinUpIntervals}";
                    AssertSame(expected.Strategy, actual.Strategy.Totals, at + " strategy");
                    AssertSame(expected.AlwaysOn, actual.AlwaysOn.Totals, at + " always-on");
                    AssertSame(expected.Optimal, actual.Optimal.Totals, at + " optimum");
                    Close(expected.RegretUsd, actual.RegretUsd, at + " regret");
                    Assert.Equal(expected.CapturedUpliftPct.HasValue, actual.CapturedUpliftPct.HasValue);
                    if (expected.CapturedUpliftPct is double cu) Close(cu, actual.CapturedUpliftPct!.Value, at + " captured");
                    Assert.True(actual.OptimumBound.IsExact, at);
                    Assert.Single(actual.Strategy.Fleet.Tranches);
                    checkedRuns++;
                }
        Assert.Equal(sites.Length * constraintSets.Length * StrategyFactory.Names.Count, checkedRuns);
        Assert.Contains("day-ahead", StrategyFactory.Names);
    }

    private static void AssertSame(ComparedRun e, ComparedRun a, string at)
    {
        var (x, y) = (e.Result, a.Result);
        Assert.Equal(x.Strategy, y.Strategy);
        Assert.Equal(x.Times, y.Times);
        Close(x.Run, y.Run, at + " run");
        Close(x.Revenue, y.Revenue, at + " revenue");
        Close(x.Cost, y.Cost, at + " cost");
        Close(x.Profit, y.Profit, at + " profit");
        Close(x.AlwaysOnProfit, y.AlwaysOnProfit, at + " always-on profit");
        Close(x.AllInPrice, y.AllInPrice, at + " all-in");
        Close(x.Breakeven, y.Breakeven, at + " breakeven");
        var (s, t) = (x.Summary, y.Summary);
        Assert.Equal(s.Hours, t.Hours);
        double[] sv = [s.OperatingHours, s.UptimePct, s.EnergyMWh, s.RevenueUsd, s.PowerCostUsd, s.ProfitUsd, s.AlwaysOnRevenueUsd,
            s.AlwaysOnPowerCostUsd, s.AlwaysOnProfitUsd, s.UpliftUsd, s.UpliftPct ?? -1, s.CurtailedHours, s.AvgPricePaidUsdPerMWh ?? -1,
            s.AvgAllInPricePaidUsdPerMWh ?? -1, s.AvgSettlementPriceUsdPerMWh, s.Breakeven.Min, s.Breakeven.Mean, s.Breakeven.Median, s.Breakeven.Max];
        double[] tv = [t.OperatingHours, t.UptimePct, t.EnergyMWh, t.RevenueUsd, t.PowerCostUsd, t.ProfitUsd, t.AlwaysOnRevenueUsd,
            t.AlwaysOnPowerCostUsd, t.AlwaysOnProfitUsd, t.UpliftUsd, t.UpliftPct ?? -1, t.CurtailedHours, t.AvgPricePaidUsdPerMWh ?? -1,
            t.AvgAllInPricePaidUsdPerMWh ?? -1, t.AvgSettlementPriceUsdPerMWh, t.Breakeven.Min, t.Breakeven.Mean, t.Breakeven.Median, t.Breakeven.Max];
        Close(sv, tv, at + " summary");
        Assert.Equal(x.Monthly.Count, y.Monthly.Count);
        for (int i = 0; i < x.Monthly.Count; i++)
        {
            var (p, q) = (x.Monthly[i], y.Monthly[i]);
            Assert.Equal((p.Year, p.Month, p.Hours), (q.Year, q.Month, q.Hours));
            Close([p.OperatingHours, p.EnergyMWh, p.RevenueUsd, p.PowerCostUsd, p.ProfitUsd, p.AlwaysOnProfitUsd, p.AvgBreakevenUsdPerMWh],
                [q.OperatingHours, q.EnergyMWh, q.RevenueUsd, q.PowerCostUsd, q.ProfitUsd, q.AlwaysOnProfitUsd, q.AvgBreakevenUsdPerMWh], at + " month");
        }
        Assert.Equal(x.Daily.Count, y.Daily.Count);
        for (int i = 0; i < x.Daily.Count; i++)
        {
            Assert.Equal(x.Daily[i].Day, y.Daily[i].Day);
            Close([x.Daily[i].OperatingHours, x.Daily[i].ProfitUsd, x.Daily[i].AlwaysOnProfitUsd],
                [y.Daily[i].OperatingHours, y.Daily[i].ProfitUsd, y.Daily[i].AlwaysOnProfitUsd], at + " day");
        }
        Assert.Equal((e.Switching.Starts, e.Switching.Stops, e.Switching.MinUpViolations, e.Switching.MinDownViolations),
            (a.Switching.Starts, a.Switching.Stops, a.Switching.MinUpViolations, a.Switching.MinDownViolations));
        Close(e.Switching.RestartCostUsd, a.Switching.RestartCostUsd, at + " restart cost");
        Close(e.ProfitAfterRestartsUsd, a.ProfitAfterRestartsUsd, at + " profit after restarts");
    }

    private static void Close(double expected, double actual, string at)
    {
        double tol = 1e-9 * Math.Max(1.0, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(Math.Abs(expected - actual) <= tol, $"{at}: expected {expected:R}, got {actual:R}");
    }

    private static void Close(double[] expected, double[] actual, string at)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], $"{at}[{i}]");
    }

    private static void AssertIdentical(FleetBacktestResult e, FleetBacktestResult a)
    {
        var (x, y) = (e.Result, a.Result);
        Assert.Equal(x.Strategy, y.Strategy);
        Assert.Equal(x.Run, y.Run);
        Assert.Equal(x.Revenue, y.Revenue);
        Assert.Equal(x.Cost, y.Cost);
        Assert.Equal(x.Profit, y.Profit);
        Assert.Equal(x.AlwaysOnProfit, y.AlwaysOnProfit);
        Assert.Equal(x.AllInPrice, y.AllInPrice);
        Assert.Equal(x.Breakeven, y.Breakeven);
        Assert.Equal(x.Summary, y.Summary);
        Assert.Equal(x.Monthly, y.Monthly);
        Assert.Equal(x.Daily, y.Daily);
        Assert.Equal(x.RunRateByHourOfDay, y.RunRateByHourOfDay);
        Assert.Equal(e.MeritOrder, a.MeritOrder);
        Assert.Equal(e.MwRunning.Length, a.MwRunning.Length);
        for (int k = 0; k < e.MwRunning.Length; k++)
        {
            Assert.Equal(e.MwRunning[k], a.MwRunning[k]);
            Assert.Equal(e.TrancheBreakeven[k], a.TrancheBreakeven[k]);
        }
        Assert.Equal(e.Tranches, a.Tranches);
        Assert.Equal(e.AvailableMw, a.AvailableMw);
        Assert.Equal(e.AlwaysOnRevenueUsd, a.AlwaysOnRevenueUsd);
    }

    internal static MarketSeries Market(double[] prices) => TestData.Hourly(TestData.Utc(2024, 3, 1, 6), prices, 0.09375);
}
