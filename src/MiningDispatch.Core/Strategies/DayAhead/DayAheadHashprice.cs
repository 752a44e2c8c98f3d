using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Strategies.DayAhead;

/// <summary>
/// The hashprice a day-ahead schedule can know: every interval of market day D gets the hashprice of the last interval
/// before D starts (the first market day of the series, which has no earlier value, gets its first interval's).
/// </summary>
public static class DayAheadHashprice
{
    /// <summary>Fills <paramref name="known"/> (one value per interval of <paramref name="market"/>).</summary>
    public static void Fill(MarketSeries market, MarketClock clock, Span<double> known)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(clock);
        if (known.Length != market.Count)
            throw new ArgumentException($"Expected one value per interval ({market.Count}), got {known.Length}.", nameof(known));
        DateOnly current = default;
        double decision = 0;
        for (int t = 0; t < market.Count; t++)
        {
            var day = clock.MarketDay(market.StartsUtc[t]);
            if (t == 0 || day != current)
            {
                current = day;
                decision = market.HashpriceUsdPerThDay[t == 0 ? 0 : t - 1];
            }
            known[t] = decision;
        }
    }
}
