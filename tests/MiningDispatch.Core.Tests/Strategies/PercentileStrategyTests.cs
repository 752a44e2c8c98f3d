using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Percentile;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Strategies;

public class PercentileStrategyTests
{
    // 10 MW at 20 W/TH, 2 % fee, adder 5 $/MWh; hashprice 0.05: revenue 1020.83 $/h, breakeven all-in 102.08 $/MWh.
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(20), 0.02, new UsdPerMWh(5));

    private static double[] Run(PercentileOptions o, double[] prices, double intervalHours = 1.0, SiteSpec? site = null)
    {
        var m = TestData.Intervals(TestData.Utc(2024, 6, 3, 5), prices, Enumerable.Repeat(0.05, prices.Length).ToArray(), intervalHours);
        var run = new double[prices.Length];
        new PercentileStrategy(o).Dispatch(new DispatchProblem(m, site ?? Site), run);
        return run;
    }

    [Fact]
    public void Median_of_the_previous_three_intervals_after_a_threshold_start()
    {
        // All-in (price + 5): 205, 25, 35, 45, 40, 105, 30, 65.
        // t0..t2 (fewer than 3 earlier intervals): threshold, all-in below 102.08 runs → 0, 1, 1.
        // t3: median{205, 25, 35} = 35, 45 > 35 → 0.  t4: median{25, 35, 45} = 35, 40 → 0.
        // t5: median{35, 45, 40} = 40, 105 → 0.     t6: median{45, 40, 105} = 45, 30 ≤ 45 → 1.
        // t7: median{40, 105, 30} = 40, 65 → 0.
        Assert.Equal([0.0, 1, 1, 0, 0, 0, 1, 0], Run(new PercentileOptions(50, 3), [200, 20, 30, 40, 35, 100, 25, 60]));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void Interpolated_percentile_runs_at_or_below_the_level_hourly_and_at_15_minutes(double dt)
    {
        // 25th percentile of 4 values: h = 3 × 0.25 = 0.75, level = v0 + 0.75 (v1 − v0).
        // Minimum profit 500 $/h (125 per quarter hour). Warm-up threshold: net at all-in 15, 25, 35 is
        // 1020.83 − 10 × all-in ≥ 670.8 > 500 → on; at all-in 55, 470.8 < 500 → off (at 15 minutes all four quarter).
        // t4: window {15, 25, 35, 55} → 15 + 0.75 × 10 = 22.5; all-in 22.5 is at the level → 1.
        // t5: window {25, 35, 55, 22.5} → 22.5 + 0.75 × 2.5 = 24.375; all-in 24.38 → 0.
        // t6: window {35, 55, 22.5, 24.38} → 22.5 + 0.75 × 1.88 = 23.91; all-in 23 → 1.
        var site = Site with { MinProfitUsdPerHour = 500 };
        Assert.Equal([1.0, 1, 1, 0, 1, 0, 1], Run(new PercentileOptions(25, 4), [10, 20, 30, 50, 17.5, 19.38, 18], dt, site));
    }

    [Fact]
    public void Percentile_0_and_100_are_the_window_minimum_and_maximum()
    {
        // All-in 55, 45, 65, then 45 (= min of {55, 45, 65}) and 65 (= max of {45, 65, 45}).
        double[] prices = [50, 40, 60, 40, 60];
        Assert.Equal([1.0, 1, 1, 1, 0], Run(new PercentileOptions(0, 3), prices));
        Assert.Equal([1.0, 1, 1, 1, 1], Run(new PercentileOptions(100, 3), prices));
    }

    [Theory]
    [InlineData(50, 24)]
    [InlineData(10, 1)]
    [InlineData(90, 7)]
    [InlineData(33.3, 50)]
    public void Matches_a_plain_sort_of_each_window(double percentile, int window)
    {
        var rng = new Random(31);
        // Rounded to whole dollars so that the windows hold many equal prices.
        var prices = TestData.RandomPrices(rng, 2000, baseLevel: 95, noise: 45).Select(x => Math.Round(x)).ToArray();
        var run = Run(new PercentileOptions(percentile, window), prices);
        for (int t = 0; t < prices.Length; t++)
        {
            double allIn = prices[t] + 5;
            double expected;
            if (t < window) expected = 1020.8333333333333 - 10 * allIn > 0 ? 1 : 0;
            else
            {
                var w = new List<double>();
                for (int i = t - window; i < t; i++) w.Add(prices[i] + 5);
                w.Sort();
                double h = (window - 1) * percentile / 100;
                int lo = (int)h;
                double level = lo + 1 < window ? w[lo] + (h - lo) * (w[lo + 1] - w[lo]) : w[lo];
                expected = allIn <= level ? 1 : 0;
            }
            Assert.True(expected == run[t], $"t = {t}: expected {expected}, got {run[t]}");
        }
    }

    [Fact]
    public void Registered_with_its_options_defaults_and_ranges()
    {
        var d = StrategyRegistry.Get("percentile");
        Assert.True(d.IsNonAnticipative);
        Assert.False(d.NeedsDayAheadPrices);
        Assert.Equal(new PercentileOptions(50, 24), ((PercentileStrategy)d.Create()).Options);
        Assert.Equal(new PercentileOptions(90, 96), ((PercentileStrategy)d.Create(new StrategyParameters([new("percentile", 90), new("window", 96)]))).Options);
        Assert.Equal(["--percentile", "--window"], d.Options.Select(o => o.Flag));
        Assert.Equal(["--percentile must be between 0 and 100 (got 120)."], d.Problems(new StrategyParameters([new("percentile", 120)])));
        Assert.Equal(["--window must be between 1 and 35136 interval (got 0)."], d.Problems(new StrategyParameters([new("window", 0)])));
        var line = Assert.Single(d.Inputs(new StrategyParameters([new("window", 96)])));
        Assert.Equal("run at or below the 50th percentile of the previous 96 interval(s)' all-in prices (threshold rule until they exist)", line.Value);
        Assert.Throws<ArgumentException>(() => new PercentileStrategy(new PercentileOptions(-1, 3)));
        Assert.Throws<ArgumentException>(() => new PercentileStrategy(new PercentileOptions(50, 0)));
    }
}
