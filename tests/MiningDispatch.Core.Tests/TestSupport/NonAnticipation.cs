using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.TestSupport;

/// <summary>
/// Generic check that a strategy is non-anticipative: pick a random cut t, replace every input that is not yet known
/// when interval t is decided (real-time prices and hashprices after t, day-ahead prices of market days after t's
/// day) with unrelated random values, and compare the decisions for intervals 0..t.
/// </summary>
internal static class NonAnticipation
{
    /// <summary>Number of trials (out of <paramref name="trials"/>) in which some decision at or before the cut moved.</summary>
    /// <param name="priceOfCutUnknown">Also perturb the real-time price of interval t itself (for rules that only
    /// learn an interval's price after it ends).</param>
    public static int CountViolations(IDispatchStrategy strategy, MarketSeries market, SiteSpec site, int trials, int seed,
        bool priceOfCutUnknown = false, MarketClock? clock = null)
    {
        clock ??= MarketClock.Ercot;
        var rng = new Random(seed);
        int n = market.Count, violations = 0;
        var baseRun = new double[n];
        strategy.Dispatch(new DispatchProblem(market, site), baseRun);
        for (int trial = 0; trial < trials; trial++)
        {
            int cut = rng.Next(0, n - 1);
            var day = clock.MarketDay(market.StartsUtc[cut]);
            var price = (double[])market.PriceUsdPerMWh.Clone();
            var hp = (double[])market.HashpriceUsdPerThDay.Clone();
            var da = (double[]?)market.DayAheadPriceUsdPerMWh?.Clone();
            for (int i = priceOfCutUnknown ? cut : cut + 1; i < n; i++) price[i] = Wild(rng);
            for (int i = cut + 1; i < n; i++) hp[i] = 0.01 + rng.NextDouble() * 0.12;
            if (da is not null)
                for (int i = 0; i < n; i++)
                    if (clock.MarketDay(market.StartsUtc[i]) > day) da[i] = Wild(rng);
            var changed = new MarketSeries(market.StartsUtc, price, hp, market.IntervalHours, da, market.SettlementPoint, market.Market);
            var run = new double[n];
            strategy.Dispatch(new DispatchProblem(changed, site), run);
            for (int i = 0; i <= cut; i++)
            {
                if (run[i] != baseRun[i]) { violations++; break; }
            }
        }
        return violations;
    }

    private static double Wild(Random rng)
    {
        double u = rng.NextDouble();
        return u < 0.3 ? 1000 + rng.NextDouble() * 4000 : u < 0.6 ? -100 * rng.NextDouble() : rng.NextDouble() * 150;
    }

    /// <summary>Three weeks of hourly data with real-time and day-ahead prices and a drifting hashprice.</summary>
    public static MarketSeries SampleMarket(int seed, int hours = 24 * 21)
    {
        var rng = new Random(seed);
        var rt = TestData.RandomPrices(rng, hours, baseLevel: 95, noise: 45);
        var da = rt.Select(p => Math.Round(0.6 * p + 0.4 * 95 + (rng.NextDouble() - 0.5) * 30, 2)).ToArray();
        var hp = Enumerable.Range(0, hours).Select(i => 0.05 + 0.01 * Math.Sin(i / 90.0)).ToArray();
        return TestData.Hourly(TestData.Utc(2024, 6, 3, 5), rt, hp, da);
    }
}
