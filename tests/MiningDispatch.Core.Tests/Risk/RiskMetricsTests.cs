using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Risk;

public class RiskMetricsTests
{
    // Twenty monthly profits ($k). Sorted: −120 −80 −60 −35 −10 −5 5 15 25 30 40 45 60 70 80 95 110 120 150 200.
    // Losses (−profit) ascending: ... 5 10 35 60 80 120 (the six losing months at the top).
    private static readonly double[] Twenty =
        [120, -35, 80, 15, -60, 200, 45, -10, 95, 30, 5, -120, 60, 150, 25, -5, 70, 110, -80, 40];

    [Theory]
    // Sorted profits x(0..19). P_q by type 7: h = 19·q, P = x(⌊h⌋) + frac(h)·(x(⌊h⌋+1) − x(⌊h⌋)).
    // level, VaR = −P_{1−level}, CVaR = −mean of the profits ≤ P_{1−level}
    [InlineData(0.95, 82.0, 120.0)]           // h = 0.95: −120 + 0.95·40 = −82; tail {−120}
    [InlineData(0.99, 112.4, 120.0)]          // h = 0.19: −120 + 0.19·40 = −112.4; tail {−120}
    [InlineData(0.90, 62.0, 100.0)]           // h = 1.9: −80 + 0.9·20 = −62; tail {−120, −80}
    [InlineData(0.93, 73.4, 100.0)]           // h = 1.33: −80 + 0.33·20 = −73.4; tail {−120, −80}
    [InlineData(0.80, 15.0, 73.75)]           // h = 3.8: −35 + 0.8·25 = −15; tail {−120, −80, −60, −35}
    [InlineData(0.50, -35.0, 23.5)]           // h = 9.5: 30 + 0.5·10 = 35; tail: the ten lowest, sum −235
    public void VaR_CVaR_ByHand(double level, double var, double cvar)
    {
        Assert.Equal(var, RiskMetrics.ValueAtRisk(Twenty, level), 9);
        Assert.Equal(cvar, RiskMetrics.ConditionalValueAtRisk(Twenty, level), 9);
    }

    [Fact]
    public void VaR95_IsExactlyMinusP5_AndCVaR_IsTheMeanOfTheTail_OnRandomSamples()
    {
        var rng = new Random(7);
        foreach (int n in new[] { 1, 2, 7, 19, 20, 21, 100, 333, 1000 })
        {
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = 1_000_000 * (rng.NextDouble() - 0.3);
            var s = RiskMetrics.Summarize(x, 0.9);
            Assert.Equal(-s.P5Usd, s.VaR95Usd);                          // exactly, same index rule and interpolation
            var sorted = x.Order().ToArray();
            // P5 by hand: type 7.
            double h = (n - 1) * 0.05;
            int lo = (int)Math.Floor(h);
            double p5 = lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
            Assert.Equal(p5, s.P5Usd, 6);
            double h1 = (n - 1) * 0.01;
            int lo1 = (int)Math.Floor(h1);
            double p1 = lo1 + 1 < n ? sorted[lo1] + (h1 - lo1) * (sorted[lo1 + 1] - sorted[lo1]) : sorted[lo1];
            Assert.Equal(-p1, s.VaR99Usd!.Value, 6);
            // CVaR: mean of the outcomes at or below the percentile, by a loop.
            double sum = 0;
            int count = 0;
            foreach (double v in x)
                if (v <= s.P5Usd) { sum += v; count++; }
            Assert.True(count >= 1);
            Assert.Equal(-sum / count, s.CVaR95Usd!.Value, 6);
            Assert.True(s.CVaR95Usd >= s.VaR95Usd);
            Assert.Equal(s.VaR95Usd, RiskMetrics.ValueAtRisk(x, 0.95));
            Assert.Equal(s.CVaR95Usd, RiskMetrics.ConditionalValueAtRisk(x, 0.95));
            Assert.Equal(s.VaR95Usd, s.Tail.Single(t => t.Level == 0.95).VaRUsd);
        }
    }

    [Fact]
    public void SubCentValues_AreZero_NotLosses()
    {
        // Always-on noise: ±4e-8 USD. None of it is a loss, and nothing shows as "−$0".
        double[] noise = [4e-8, -4e-8, -3.9e-8, 0, 2e-9, -0.0049, 0.0099, -0.0099];
        var s = RiskMetrics.Summarize(noise);
        Assert.Equal(0.0, s.ProbabilityOfLoss);
        foreach (double v in new[] { s.MeanUsd, s.StdDevUsd, s.MinUsd, s.P5Usd, s.P50Usd, s.P95Usd, s.MaxUsd, s.VaR95Usd!.Value, s.CVaR95Usd!.Value })
        {
            Assert.Equal(0.0, v);
            Assert.False(double.IsNegative(v), "a zero result must be +0, not -0");
        }
        // One cent and more is real: −0.01 is a loss, and counts.
        var t = RiskMetrics.Summarize([-0.01, 5, 6, 7]);
        Assert.Equal(0.25, t.ProbabilityOfLoss);
        Assert.Equal(-0.01, t.MinUsd);
        Assert.Equal(0.0, RiskMetrics.Cent(-0.00999));
        Assert.Equal(-0.01, RiskMetrics.Cent(-0.01));
    }

    [Fact]
    public void HistoricalMonthly_UnderTwentyMonths_HasNoTail()
    {
        var nineteen = Twenty[..19];
        var s = RiskMetrics.HistoricalMonthly(nineteen, 0.9);
        Assert.False(s.TailMeaningful);
        Assert.Null(s.VaR95Usd);
        Assert.Null(s.CVaR95Usd);
        Assert.Null(s.VaR99Usd);
        Assert.Null(s.CVaR99Usd);
        Assert.Empty(s.Tail);
        Assert.Equal(19, s.Count);
        double mean = 0;
        foreach (double v in nineteen) mean += v;
        Assert.Equal(mean / 19, s.MeanUsd, 9);                         // the rest is still there
        var full = RiskMetrics.HistoricalMonthly(Twenty);
        Assert.True(full.TailMeaningful);
        Assert.Equal(82.0, full.VaR95Usd!.Value, 9);
        Assert.Equal(RiskMetrics.MinMonthsForTail, 20);
    }

    [Fact]
    public void CVaR_EqualsRockafellarUryasev_WhenLevelTimesNIsInteger()
    {
        // CVaR_α = min_ζ ζ + Σ(L − ζ)⁺ / ((1 − α) n); the minimum is at ζ = VaR. α = 0.9, n = 20: 80 + (120 − 80) / 2 = 100.
        double best = double.PositiveInfinity;
        for (double z = -300; z <= 300; z += 0.5)
        {
            double s = 0;
            foreach (double p in Twenty) s += Math.Max(-p - z, 0);
            best = Math.Min(best, z + s / (0.1 * 20));
        }
        Assert.Equal(best, RiskMetrics.ConditionalValueAtRisk(Twenty, 0.9), 9);
    }

    [Fact]
    public void Summary_ByHand()
    {
        var s = RiskMetrics.Summarize(Twenty, 0.9);
        Assert.Equal(20, s.Count);
        Assert.Equal(735.0 / 20, s.MeanUsd, 12);
        // Sample standard deviation (n − 1), spreadsheet-style: STDEV.S of the twenty values.
        double mean = 0;
        foreach (double x in Twenty) mean += x;
        mean /= Twenty.Length;
        double squares = 0;
        foreach (double x in Twenty) squares += (x - mean) * (x - mean);
        Assert.Equal(36.75, mean, 12);                       // 735 / 20
        Assert.Equal(144_075 - 20 * 36.75 * 36.75, squares, 9); // Σx² − n·mean² = 117,063.75 → sd = √(117,063.75 / 19)
        Assert.Equal(Math.Sqrt(squares / (Twenty.Length - 1)), s.StdDevUsd, 10);
        Assert.Equal(-120, s.MinUsd);
        Assert.Equal(200, s.MaxUsd);
        Assert.Equal(-120 + 0.95 * 40, s.P5Usd, 12);         // h = 19 × 0.05 = 0.95 between −120 and −80 → −82
        Assert.Equal(35, s.P50Usd, 12);                      // between 30 and 40
        Assert.Equal(150 + 0.05 * 50, s.P95Usd, 12);         // h = 18.05 between 150 and 200 → 152.5
        Assert.Equal(82, s.VaR95Usd!.Value, 9);              // −P5
        Assert.Equal(120, s.CVaR95Usd!.Value, 9);            // only −120 is at or below P5 = −82
        Assert.Equal(112.4, s.VaR99Usd!.Value, 9);           // −P1: h = 0.19 → −120 + 0.19 × 40
        Assert.Equal(120, s.CVaR99Usd!.Value, 9);
        Assert.Equal(0.3, s.ProbabilityOfLoss, 12);          // six losing months
        Assert.Equal(new[] { 0.9, 0.95, 0.99 }, s.Tail.Select(t => t.Level));
        Assert.Equal(0.9, s.Tail[0].Level);
        Assert.Equal(62, s.Tail[0].VaRUsd, 9);                // −P10: h = 1.9 → −80 + 0.9 × 20
        Assert.Equal(100, s.Tail[0].CVaRUsd, 9);              // (120 + 80) / 2
    }

    [Fact]
    public void Percentile_Endpoints()
    {
        Assert.Equal(-120, RiskMetrics.Percentile(Twenty, 0));
        Assert.Equal(200, RiskMetrics.Percentile(Twenty, 1));
        Assert.Equal(5.0, RiskMetrics.Percentile([5.0], 0.3));
    }

    [Fact]
    public void BadInputs()
    {
        Assert.Throws<ArgumentException>(() => RiskMetrics.Summarize([]));
        Assert.Contains("observation 1", Assert.Throws<ArgumentException>(() => RiskMetrics.Summarize([1.0, double.NaN])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskMetrics.ValueAtRisk(Twenty, 95));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskMetrics.Percentile(Twenty, 5));
    }

    [Fact]
    public void MonthlyProfits_FromBacktest_CompleteMonthsOnly()
    {
        var clock = MarketClock.Ercot;
        var hours = ForwardScenario.Hours(clock, new DateOnly(2025, 12, 15), new DateOnly(2026, 3, 10));
        var price = hours.Select((_, i) => 30 + 25 * Math.Sin(i / 7.0)).ToArray();
        var hp = hours.Select((_, i) => 0.045 + 0.00001 * (i % 50)).ToArray();
        var site = new SiteSpec(new Megawatts(5), new WattsPerTerahash(25), 0.01);
        var result = Backtester.Run(new MarketSeries(hours, price, hp), site, new AlwaysOnStrategy(), clock);

        // Independent monthly sums: January and February 2026 are complete; December and March are partial.
        var tz = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        double jan = 0, feb = 0;
        for (int i = 0; i < hours.Length; i++)
        {
            var l = TimeZoneInfo.ConvertTimeFromUtc(hours[i], tz);
            double net = 200_000 * hp[i] / 24 * 0.99 - 5 * price[i];
            if (l is { Year: 2026, Month: 1 }) jan += net;
            if (l is { Year: 2026, Month: 2 }) feb += net;
        }
        var months = RiskMetrics.MonthlyProfitsUsd(result, clock);
        Assert.Equal(2, months.Length);
        Assert.Equal(jan, months[0], 1e-6);
        Assert.Equal(feb, months[1], 1e-6);
        Assert.Equal(4, RiskMetrics.MonthlyProfitsUsd(result, clock, completeMonthsOnly: false).Length);
        Assert.Equal(2, RiskMetrics.MonthlyRisk(result, clock).Count);

        var part = Backtester.Run(new MarketSeries(hours[..100], price[..100], hp[..100]), site, new AlwaysOnStrategy(), clock);
        Assert.Contains("no complete market month", Assert.Throws<ArgumentException>(() => RiskMetrics.MonthlyRisk(part, clock)).Message);
    }
}
