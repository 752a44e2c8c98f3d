using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Strategies;

public class StrategyComparisonTests
{
    private const double Tol = 1e-6;
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(20), 0.02, new UsdPerMWh(5));

    [Fact]
    public void Without_constraints_the_optimum_is_threshold_with_zero_min_profit()
    {
        var rng = new Random(21);
        var m = TestData.Hourly(TestData.Utc(2024, 7, 1), TestData.RandomPrices(rng, 24 * 60, baseLevel: 95, noise: 40), 0.05);
        var c = StrategyComparison.Run(m, Site, new ThresholdStrategy());
        Assert.Equal(c.Strategy.Result.Run, c.Optimal.Result.Run);
        Assert.Equal(c.Strategy.Result.Summary.ProfitUsd, c.Optimal.Result.Summary.ProfitUsd, Tol);
        Assert.Equal(0.0, c.RegretUsd, Tol);
        Assert.Equal(100.0, c.CapturedUpliftPct!.Value, Tol);
        Assert.Equal(0.0, c.Optimal.Switching.RestartCostUsd);
        // Always-on = Σ net; optimum = Σ max(net, 0), computed here independently.
        var net = Enumerable.Range(0, m.Count).Select(t => 500_000 * 0.05 / 24 * 0.98 - 10 * (m.PriceUsdPerMWh[t] + 5)).ToArray();
        Assert.Equal(net.Sum(), c.AlwaysOn.Result.Summary.ProfitUsd, 1e-6);
        Assert.Equal(net.Sum(x => Math.Max(x, 0)), c.Optimal.Result.Summary.ProfitUsd, 1e-6);
    }

    [Fact]
    public void Hand_computed_regret_with_a_restart_cost()
    {
        // Start cost 10 $/MW × 10 MW = 100 $. Nets: 20 → 770.83, 99 → −19.17, 300 → −2029.17.
        // Threshold [1,0,1,0,1]: 3 × 770.83 − 2 starts × 100 = 2112.50.
        // Optimum   [1,1,1,0,1]: 3 × 770.83 − 19.17 − 100 = 2193.33 (rides through the small loss, not the spike).
        // Always-on: 3 × 770.83 − 19.17 − 2029.17 = 264.17.
        var m = TestData.Hourly(TestData.Utc(2024, 7, 1), [20, 99, 20, 300, 20], 0.05);
        var c = StrategyComparison.Run(m, Site, new ThresholdStrategy(), new OptimalOptions(RestartCostUsdPerMw: 10));
        Assert.Equal([1.0, 0, 1, 0, 1], c.Strategy.Result.Run);
        Assert.Equal([1.0, 1, 1, 0, 1], c.Optimal.Result.Run);
        Assert.Equal(2, c.Strategy.Switching.Starts);
        Assert.Equal(200.0, c.Strategy.Switching.RestartCostUsd, Tol);
        const double rev = 500_000 * 0.05 / 24 * 0.98;  // 1020.8333 $/h
        double n20 = rev - 10 * (20 + 5), n99 = rev - 10 * (99 + 5), n300 = rev - 10 * (300 + 5);
        double threshold = 3 * n20 - 2 * 100, optimum = 3 * n20 + n99 - 100, alwaysOn = 3 * n20 + n99 + n300;
        Assert.Equal(2112.5, threshold, 9);
        Assert.Equal(threshold, c.Strategy.ProfitAfterRestartsUsd, Tol);
        Assert.Equal(optimum, c.Optimal.ProfitAfterRestartsUsd, Tol);     // 2193.33
        Assert.Equal(alwaysOn, c.AlwaysOn.ProfitAfterRestartsUsd, Tol);   // 264.17
        Assert.Equal(0, c.AlwaysOn.Switching.Starts);
        Assert.Equal(optimum - threshold, c.RegretUsd, Tol);              // 80.83
        Assert.Equal(100.0 * (threshold - alwaysOn) / (optimum - alwaysOn), c.CapturedUpliftPct!.Value, 1e-9);
    }

    [Fact]
    public void Optimum_beats_every_strategy_when_all_schedules_are_feasible()
    {
        // Min up/down of 1 interval: every schedule is feasible, so the optimum (after restart costs) is an upper bound.
        var m = NonAnticipation.SampleMarket(seed: 8);
        var constraints = new OptimalOptions(RestartCostUsdPerMw: 15);
        foreach (var name in StrategyFactory.Names)
        {
            var c = StrategyComparison.Run(m, Site, StrategyFactory.Create(name), constraints);
            Assert.True(c.Strategy.Switching.IsFeasible);
            Assert.True(c.RegretUsd >= -1e-6, $"{name}: regret {c.RegretUsd}");
            Assert.True(c.Optimal.ProfitAfterRestartsUsd >= c.AlwaysOn.ProfitAfterRestartsUsd - 1e-6);
        }
    }

    [Fact]
    public void Optimum_respects_min_up_down_while_threshold_may_not()
    {
        var rng = new Random(9);
        var m = TestData.Hourly(TestData.Utc(2024, 7, 1), TestData.RandomPrices(rng, 24 * 30, baseLevel: 97, noise: 30), 0.05);
        var constraints = new OptimalOptions(3, 4, 20);
        var c = StrategyComparison.Run(m, Site, new ThresholdStrategy(), constraints);
        Assert.True(c.Optimal.Switching.IsFeasible);
        Assert.True(Schedules.Feasible(c.Optimal.Result.Run, 3, 4, true, null));
        Assert.False(c.Strategy.Switching.IsFeasible);
        Assert.False(Schedules.Feasible(c.Strategy.Result.Run, 3, 4, true, null));
        Assert.Equal(Schedules.Starts(c.Optimal.Result.Run, true) * 200.0, c.Optimal.Switching.RestartCostUsd, Tol);
    }

    [Fact]
    public void Switching_stats_hand_example()
    {
        // UT = 2, DT = 2, initially on long enough. [1,0,1,0,1]: stop t1 (fine), start t2 after 1 off (down violation),
        // stop t3 after 1 on (up violation), start t4 after 1 off (down violation).
        var s = SwitchingStats.Measure([1.0, 0, 1, 0, 1], new OptimalOptions(2, 2, 5), capacityMw: 4);
        Assert.Equal(2, s.Starts);
        Assert.Equal(2, s.Stops);
        Assert.Equal(1, s.MinUpViolations);
        Assert.Equal(2, s.MinDownViolations);
        Assert.Equal(2 * 5 * 4.0, s.RestartCostUsd, Tol);
        // Initially off: a start at t0; partial run 0.5 → 1 costs half a start more.
        var p = SwitchingStats.Measure([0.5, 1, 0], new OptimalOptions(RestartCostUsdPerMw: 10, InitiallyOn: false), capacityMw: 2);
        Assert.Equal(1, p.Starts);
        Assert.Equal(20.0, p.RestartCostUsd, Tol);
    }

    [Fact]
    public void Factory_builds_every_named_strategy_with_its_options()
    {
        Assert.Equal(["always-on", "threshold", "hysteresis", "optimal", "day-ahead", "lagged", "percentile"], StrategyFactory.Names);
        Assert.Equal("threshold", StrategyFactory.DefaultName);
        foreach (var name in StrategyFactory.Names)
        {
            Assert.Equal(name, StrategyFactory.Create(name).Name);
            Assert.False(string.IsNullOrWhiteSpace(StrategyFactory.Describe(name)));
        }
        var p = new StrategyParameters([new("offPrice", 120), new("onPrice", 90), new("offConfirm", 3), new("OnConfirm", 4), new("lag", 3)])
        {
            Switching = new OptimalOptions(4, 8, 50),
        };
        Assert.Equal(HysteresisOptions.Absolute(120, 90, 3, 4), ((HysteresisStrategy)StrategyFactory.Create("Hysteresis", p.Without("lag"))).Options);
        Assert.Equal(new OptimalOptions(4, 8, 50), ((OptimalStrategy)StrategyFactory.Create("optimal", new StrategyParameters { Switching = p.Switching })).Options);
        Assert.Equal(3, ((LaggedStrategy)StrategyFactory.Create(" lagged ", new StrategyParameters([new("lag", 3)]))).Options.LagIntervals);
        // Margins default to ±0 around breakeven with no confirmation.
        Assert.Equal(HysteresisOptions.Default, ((HysteresisStrategy)StrategyFactory.Create("hysteresis")).Options);
        Assert.False(StrategyFactory.Create("optimal").IsNonAnticipative);
    }

    [Fact]
    public void Factory_rejects_unknown_names_and_bad_options()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategyFactory.Create("magic"));
        Assert.Contains("'magic'", ex.Message);
        Assert.Contains("always-on, threshold, hysteresis, optimal, day-ahead, lagged, percentile", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => StrategyFactory.Create("optimal", new StrategyParameters { Switching = new OptimalOptions(0) }));
        Assert.Contains("Minimum up time must be between 1", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => StrategyFactory.Create("lagged", new StrategyParameters([new("lag", 0)])));
        Assert.Contains("--lag must be between 1 and 672 interval (got 0)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => StrategyFactory.Create("hysteresis", new StrategyParameters([new("offPrice", 40)])));
        Assert.Contains("needs both --off-price and --on-price", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => StrategyFactory.Create("hysteresis", new StrategyParameters([new("offPrice", 20), new("onPrice", 30)])));
        Assert.Contains("--on-price 30 must not be above --off-price 20", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => StrategyFactory.Create("hysteresis", new StrategyParameters([new("offMargin", -10), new("onMargin", 5)])));
        Assert.Contains("their sum must be >= 0", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => StrategyFactory.Create("hysteresis", new StrategyParameters([new("offConfirm", 1.5)])));
        Assert.Contains("--off-confirm must be a whole number of intervals (got 1.5)", ex.Message);
    }
}

public class StrategyInputsLineTests
{
    [Fact]
    public void Hysteresis_and_lagged_describe_their_settings_for_the_report()
    {
        var h = StrategyRegistry.Get("hysteresis");
        Assert.Equal(
            [new("Hysteresis band", "curtail above breakeven + 0, resume below breakeven - 0 ($/MWh)"), new("Confirmation windows", "off after 1 interval(s), on after 1 interval(s)")],
            h.Inputs(StrategyParameters.Default));
        Assert.Equal(
            [new("Hysteresis band", "curtail above 40.5, resume below 25 (all-in $/MWh)"), new("Confirmation windows", "off after 3 interval(s), on after 2 interval(s)"),
             new KeyValuePair<string, string>("High strike", "60 $/MWh all-in")],
            h.Inputs(new StrategyParameters([new("offPrice", 40.5), new("onPrice", 25), new("offConfirm", 3), new("onConfirm", 2), new("highStrike", 60)])));
        Assert.Equal([new KeyValuePair<string, string>("Price lag", "2 interval(s)")], StrategyRegistry.Get("lagged").Inputs(new StrategyParameters([new("lag", 2)])));
        Assert.Empty(StrategyRegistry.Get("optimal").Inputs(new StrategyParameters { Switching = new OptimalOptions(4, 2, 50) }));
    }
}
