using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Strategies;

public class HysteresisStrategyTests
{
    // No adder, so the all-in price equals the settlement price. Breakeven at 0.05 $/TH/day: 102.0833 $/MWh.
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(20), 0.02, new UsdPerMWh(0));

    private static double[] Dispatch(IDispatchStrategy s, double[] prices, double[]? hashprices = null, SiteSpec? site = null)
    {
        var m = hashprices is null ? TestData.Hourly(TestData.Utc(2024, 5, 1), prices, 0.05) : TestData.Hourly(TestData.Utc(2024, 5, 1), prices, hashprices);
        var run = new double[m.Count];
        s.Dispatch(new DispatchProblem(m, site ?? Site), run);
        return run;
    }

    //                                     t: 0   1    2   3    4    5   6   7   8   9   10  11   12  13  14
    private static readonly double[] Walk = [90, 110, 90, 120, 130, 70, 75, 85, 70, 60, 50, 500, 10, 10, 10];

    [Fact]
    public void Absolute_band_with_confirmation_windows()
    {
        // Off above 100 after 2 consecutive, on below 80 after 3 consecutive; prices between 80 and 100 reset the counts.
        // t1 is a single interval above (no curtail), t2 resets, t3–t4 are two above → off at t4; t5–t6 below, t7
        // resets, t8–t10 three below → on at t10; t11 = 500 counts 1 above → still on.
        var run = Dispatch(new HysteresisStrategy(HysteresisOptions.Absolute(100, 80, 2, 3)), Walk);
        Assert.Equal([1.0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1], run);
    }

    [Fact]
    public void High_strike_curtails_in_the_same_interval()
    {
        // Same band plus a 300 $/MWh high strike: t11 = 500 curtails at once; then three intervals below 80 → on at t14.
        var run = Dispatch(new HysteresisStrategy(HysteresisOptions.Absolute(100, 80, 2, 3, highStrikeUsdPerMWh: 300)), Walk);
        Assert.Equal([1.0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1], run);
    }

    [Fact]
    public void Foreman_style_low_strike_80_two_windows_resume_after_four_high_strike_150()
    {
        //             t: 0   1   2   3   4   5   6   7   8    9   10  11  12
        double[] p = [70, 90, 70, 90, 95, 60, 60, 60, 60, 200, 60, 60, 60];
        var run = Dispatch(new HysteresisStrategy(HysteresisOptions.Absolute(80, 80, 2, 4, highStrikeUsdPerMWh: 150)), p);
        // t1 one window above; t2 resets; t3,t4 two above → off at t4; t5..t8 four below → on at t8; t9 > 150 → off
        // at once; t10..t12 only three below → still off.
        Assert.Equal([1.0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0], run);
    }

    [Fact]
    public void Initially_off_waits_for_the_on_confirmation()
    {
        var run = Dispatch(new HysteresisStrategy(HysteresisOptions.Absolute(100, 80, 1, 2, initiallyOn: false)), [50, 50, 50, 120]);
        Assert.Equal([0.0, 1, 1, 0], run);
    }

    [Fact]
    public void Breakeven_band_follows_the_hashprice()
    {
        // Margins 0/0, no confirmation. Breakevens: 0.05 → 102.083, 0.04 → 81.667, 0.06 → 122.5, 0.04 → 81.667.
        // Price 100 each time: below, above, below, above. Between-levels never happens with a zero band.
        var run = Dispatch(new HysteresisStrategy(HysteresisOptions.AroundBreakeven(0, 0)), [100, 100, 100, 100], [0.05, 0.04, 0.06, 0.04]);
        Assert.Equal([1.0, 0, 1, 0], run);

        // Off margin 25 around breakeven 81.667 → off above 106.667: price 100 stays on at hashprice 0.04.
        var run2 = Dispatch(new HysteresisStrategy(HysteresisOptions.AroundBreakeven(25, 0)), [100, 100, 110], [0.05, 0.04, 0.04]);
        Assert.Equal([1.0, 1, 0], run2);
    }

    [Fact]
    public void Breakeven_band_equals_absolute_band_at_constant_hashprice()
    {
        // Breakeven 102.0833 + 10 = 112.0833 off, 102.0833 − 20 = 82.0833 on.
        var rng = new Random(7);
        var p = TestData.RandomPrices(rng, 2000, baseLevel: 95, noise: 30);
        var rel = Dispatch(new HysteresisStrategy(HysteresisOptions.AroundBreakeven(10, 20, 3, 2)), p);
        var abs = Dispatch(new HysteresisStrategy(HysteresisOptions.Absolute(112.08333333333333, 82.08333333333333, 3, 2)), p);
        Assert.Equal(abs, rel);
        Assert.Contains(0.0, rel);
        Assert.Contains(1.0, rel);
    }

    [Fact]
    public void Zero_band_without_confirmation_equals_threshold_with_zero_min_profit()
    {
        var rng = new Random(11);
        var p = TestData.RandomPrices(rng, 5000, baseLevel: 95, noise: 40);
        var hp = Enumerable.Range(0, p.Length).Select(i => 0.045 + 0.01 * Math.Sin(i / 200.0)).ToArray();
        var site = Site with { Adder = new UsdPerMWh(5) };
        Assert.Equal(Dispatch(new ThresholdStrategy(), p, hp, site), Dispatch(new HysteresisStrategy(HysteresisOptions.Default), p, hp, site));
    }

    [Fact]
    public void Adder_is_part_of_the_all_in_price()
    {
        // Off above 100 all-in: price 97 + adder 5 = 102 → off.
        var run = Dispatch(new HysteresisStrategy(HysteresisOptions.Absolute(100, 80)), [90, 97], site: Site with { Adder = new UsdPerMWh(5) });
        Assert.Equal([1.0, 0], run);
    }

    [Fact]
    public void Backtest_profit_matches_a_hand_loop()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 5, 1), Walk, 0.05);
        var r = Backtester.Run(m, Site, new HysteresisStrategy(HysteresisOptions.Absolute(100, 80, 2, 3)));
        double expected = 0;
        double[] run = [1.0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        for (int t = 0; t < Walk.Length; t++) expected += run[t] * (1020.8333333333333 - 10 * Walk[t]);
        Assert.Equal(expected, r.Summary.ProfitUsd, 1e-6);
        Assert.Equal("hysteresis", r.Strategy);
    }

    [Theory]
    [InlineData(80, 100, 1, 1, "on price (100 $/MWh) must not be above the off price (80 $/MWh)")]
    [InlineData(100, 80, 0, 1, "at least 1 interval")]
    [InlineData(double.NaN, 80, 1, 1, "finite")]
    public void Invalid_absolute_options_are_rejected(double off, double on, int n, int m, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new HysteresisStrategy(HysteresisOptions.Absolute(off, on, n, m)));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Margins_that_cross_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HysteresisStrategy(HysteresisOptions.AroundBreakeven(-10, 5)));
        Assert.Contains("sum must be >= 0", ex.Message);
    }
}
