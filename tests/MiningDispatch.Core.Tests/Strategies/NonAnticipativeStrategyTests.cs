using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Strategies;

public class NonAnticipativeStrategyTests
{
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(20), 0.02, new UsdPerMWh(5));
    private const double Rev05 = 1020.8333333333333; // 500000 × 0.05 / 24 × 0.98
    private const double Rev04 = 816.6666666666666;  // 500000 × 0.04 / 24 × 0.98

    // Every registered strategy that claims to be non-anticipative is checked in StrategyContractTests.

    [Fact]
    public void Lagged_decisions_do_not_even_read_the_price_of_the_interval()
    {
        var m = NonAnticipation.SampleMarket(seed: 6);
        Assert.Equal(0, NonAnticipation.CountViolations(new LaggedStrategy(), m, Site, 150, 18, priceOfCutUnknown: true));
        // Threshold does read it, and the stricter check catches that.
        Assert.True(NonAnticipation.CountViolations(new ThresholdStrategy(), m, Site, 150, 18, priceOfCutUnknown: true) > 10);
    }

    [Fact]
    public void The_check_catches_the_perfect_foresight_optimum()
    {
        var m = NonAnticipation.SampleMarket(seed: 7);
        var optimal = new OptimalStrategy(new OptimalOptions(4, 6, 40));
        Assert.False(optimal.IsNonAnticipative);
        Assert.True(NonAnticipation.CountViolations(optimal, m, Site, 150, 19) > 10);
    }

    [Fact]
    public void Optimum_decision_now_depends_on_a_future_price()
    {
        // Restart 10 $/MW (100 $ per start). t0 net +770.8 (price 20). t1 price 99: net 1020.83 − 1040 = −19.17.
        // If t2 is cheap, riding through t1 (−19.17) beats stopping and restarting (−100): on at t1.
        // If t2 is a spike, the site stops at t1 and stays off: the decision at t1 moved because of t2.
        var opt = new OptimalStrategy(new OptimalOptions(RestartCostUsdPerMw: 10));
        var cheap = TestData.Hourly(TestData.Utc(2024, 1, 1), [20, 99, 20], 0.05);
        var spike = TestData.Hourly(TestData.Utc(2024, 1, 1), [20, 99, 3000], 0.05);
        var a = new double[3];
        var b = new double[3];
        opt.Dispatch(new DispatchProblem(cheap, Site), a);
        opt.Dispatch(new DispatchProblem(spike, Site), b);
        Assert.Equal([1.0, 1, 1], a);
        Assert.Equal([1.0, 0, 0], b);
    }

    [Fact]
    public void Day_ahead_decides_day_D_from_its_day_ahead_prices_and_the_hashprice_known_on_D_minus_1()
    {
        // 2024-05-01 03:00Z, 04:00Z = 22:00, 23:00 CDT on 30 April; 05:00Z, 06:00Z = 1 May.
        // 30 April (first day): hashprice of its first interval, 0.05 → breakeven all-in 102.083. DA 90+5 on, 100+5 off.
        // 1 May: hashprice of the last interval of 30 April (0.05), although 1 May's own is 0.04 (breakeven 81.667):
        // DA 90+5 and 80+5 are both below 102.083 → on.
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1, 3), [500, 20, 20, 20], [0.05, 0.05, 0.04, 0.04], dayAhead: [90, 100, 90, 80]);
        var r = Backtester.Run(m, Site, new DayAheadStrategy());
        Assert.Equal([1.0, 0, 1, 1], r.Run);
        // Settled at real time with the actual hashprice: t0 loses 1020.83 − 10 × 505; t2, t3 earn 816.67 − 250.
        Assert.Equal(Rev05 - 5050 + 2 * (Rev04 - 250), r.Summary.ProfitUsd, 1e-6);
        Assert.Equal("day-ahead", r.Strategy);
    }

    [Fact]
    public void Day_ahead_respects_min_profit_strictly()
    {
        // Net at DA 90: 1020.833 − 950 = 70.833 $/h.
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1, 5), [20, 20], 0.05, dayAhead: [90, 90]);
        Assert.Equal([1.0, 1], Backtester.Run(m, Site with { MinProfitUsdPerHour = 70 }, new DayAheadStrategy()).Run);
        Assert.Equal([0.0, 0], Backtester.Run(m, Site with { MinProfitUsdPerHour = 71 }, new DayAheadStrategy()).Run);
    }

    [Fact]
    public void Day_ahead_without_day_ahead_prices_is_a_clear_error()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1), [20, 20], 0.05);
        var ex = Assert.Throws<InvalidOperationException>(() => Backtester.Run(m, Site, new DayAheadStrategy()));
        Assert.Contains("needs day-ahead prices", ex.Message);
    }

    [Fact]
    public void Day_ahead_with_a_missing_price_names_the_interval()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1, 5), [20, 20], 0.05, dayAhead: [30, double.NaN]);
        var ex = Assert.Throws<InvalidOperationException>(() => Backtester.Run(m, Site, new DayAheadStrategy()));
        Assert.Contains("2024-05-01T06:00Z", ex.Message);
        Assert.Contains("market day 2024-05-01", ex.Message);
    }

    [Fact]
    public void Lagged_uses_the_previous_price()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1), [20, 200, 20, 200, 20], 0.05);
        // t0 initial (on); t1 from 20 → on; t2 from 200 → off; t3 from 20 → on; t4 from 200 → off.
        var r = Backtester.Run(m, Site, new LaggedStrategy());
        Assert.Equal([1.0, 1, 0, 1, 0], r.Run);
        Assert.Equal((Rev05 - 250) + 2 * (Rev05 - 2050), r.Summary.ProfitUsd, 1e-6);
        // Lag 2: t0, t1 initial; t2 from 20 on; t3 from 200 off; t4 from 20 on.
        Assert.Equal([1.0, 1, 1, 0, 1], Backtester.Run(m, Site, new LaggedStrategy(new LaggedOptions(2))).Run);
        Assert.Equal([0.0, 1, 0, 1, 0], Backtester.Run(m, Site, new LaggedStrategy(new LaggedOptions(1, InitiallyOn: false))).Run);
    }

    [Fact]
    public void Lagged_uses_the_current_hashprice_and_min_profit()
    {
        // Decided from price 90 (all-in 95): at hashprice 0.05 net 70.83 → on; at 0.04 net 816.67 − 950 < 0 → off.
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1), [90, 500, 500], [0.05, 0.05, 0.04]);
        Assert.Equal([1.0, 1, 0], Backtester.Run(m, Site, new LaggedStrategy()).Run);
        Assert.Equal([1.0, 0, 0], Backtester.Run(m, Site with { MinProfitUsdPerHour = 71 }, new LaggedStrategy()).Run);
        Assert.Throws<ArgumentException>(() => new LaggedStrategy(new LaggedOptions(0)));
    }
}
