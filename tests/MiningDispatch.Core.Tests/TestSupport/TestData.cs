using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Tests.TestSupport;

/// <summary>Small builders for market series used across the tests.</summary>
internal static class TestData
{
    /// <summary>Hourly UTC series starting at <paramref name="startUtc"/> with the given prices and one hashprice.</summary>
    public static MarketSeries Hourly(DateTime startUtc, double[] prices, double hashprice, double[]? dayAhead = null)
        => Hourly(startUtc, prices, Enumerable.Repeat(hashprice, prices.Length).ToArray(), dayAhead);

    public static MarketSeries Hourly(DateTime startUtc, double[] prices, double[] hashprices, double[]? dayAhead = null)
        => Intervals(startUtc, prices, hashprices, 1.0, dayAhead);

    public static MarketSeries Intervals(DateTime startUtc, double[] prices, double[] hashprices, double intervalHours, double[]? dayAhead = null)
    {
        var times = new DateTime[prices.Length];
        for (int i = 0; i < times.Length; i++) times[i] = startUtc.AddHours(i * intervalHours);
        return new MarketSeries(times, prices, hashprices, intervalHours, dayAhead);
    }

    public static DateTime Utc(int y, int mo, int d, int h = 0) => new(y, mo, d, h, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Random prices with a realistic shape: a base level, occasional spikes (hundreds to thousands of $/MWh) and
    /// occasional negative prices.
    /// </summary>
    public static double[] RandomPrices(Random rng, int n, double baseLevel = 60, double noise = 40)
    {
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            p[i] = u < 0.06 ? 200 + rng.NextDouble() * 3000
                 : u < 0.12 ? -rng.NextDouble() * 40
                 : baseLevel + (rng.NextDouble() * 2 - 1) * noise;
            p[i] = Math.Round(p[i], 2);
        }
        return p;
    }
}
