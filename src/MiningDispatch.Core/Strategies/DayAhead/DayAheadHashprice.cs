using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Strategies.DayAhead;

/// <summary>
/// The hashprice a day-ahead schedule can know: the schedule of market day D is fixed when ERCOT's day-ahead market
/// closes, at 10:00 Central Prevailing Time on D − 1, so every interval of D gets the hashprice of the last interval that
/// starts at or before that close. Market days whose close lies before the series starts (the first day) get the first
/// interval's hashprice, the earliest value there is.
/// </summary>
public static class DayAheadHashprice
{
    /// <summary>When the day-ahead market closes on the day before the operating day (CPT).</summary>
    public static readonly TimeOnly MarketClose = new(10, 0);

    /// <summary>Fills <paramref name="known"/> (one value per interval of <paramref name="market"/>).</summary>
    public static void Fill(MarketSeries market, MarketClock clock, Span<double> known)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(clock);
        if (known.Length != market.Count)
            throw new ArgumentException($"Expected one value per interval ({market.Count}), got {known.Length}.", nameof(known));
        var starts = market.StartsUtc;
        DateOnly current = default;
        double decision = 0;
        for (int t = 0; t < market.Count; t++)
        {
            var day = clock.MarketDay(starts[t]);
            if (t == 0 || day != current)
            {
                current = day;
                DateTime close = clock.ToUtc(day.AddDays(-1), MarketClose);
                int i = Array.BinarySearch(starts, close);
                int last = i >= 0 ? i : ~i - 1; // the last interval starting at or before the close
                decision = market.HashpriceUsdPerThDay[Math.Max(last, 0)];
            }
            known[t] = decision;
        }
    }
}
