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
    // level, k = floor(level·20) + 1, VaR = L(k), CVaR = mean(L(k..20))
    [InlineData(0.95, 120.0, 120.0)]          // k = 20: the worst month
    [InlineData(0.99, 120.0, 120.0)]          // k = 20
    [InlineData(0.90, 80.0, 100.0)]           // k = 19: (80 + 120) / 2
    [InlineData(0.93, 80.0, 100.0)]           // k = floor(18.6) + 1 = 19
    [InlineData(0.80, 35.0, 73.75)]           // k = 17: (35 + 60 + 80 + 120) / 4
    [InlineData(0.50, -30.0, 23.5)]           // k = 11: (−30 −25 −15 −5 + 5 + 10 + 35 + 60 + 80 + 120) / 10 = 235 / 10
    public void VaR_CVaR_ByHand(double level, double var, double cvar)
    {
        Assert.Equal(var, RiskMetrics.ValueAtRisk(Twenty, level), 12);
        Assert.Equal(cvar, RiskMetrics.ConditionalValueAtRisk(Twenty, level), 12);
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
        Assert.Equal(120, s.VaR95Usd, 12);
        Assert.Equal(120, s.CVaR95Usd, 12);
        Assert.Equal(120, s.VaR99Usd, 12);
        Assert.Equal(0.3, s.ProbabilityOfLoss, 12);          // six losing months
        Assert.Equal(new[] { 0.9, 0.95, 0.99 }, s.Tail.Select(t => t.Level));
        Assert.Equal(new TailRisk(0.9, 80, 100), s.Tail[0]);
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
