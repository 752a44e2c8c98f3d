using System.Globalization;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// The day-ahead schedule of a mixed fleet: the merit order applied to the day-ahead prices, decided the day before.
/// As for a single site (<see cref="DayAheadStrategy"/>), the hashprice is <see cref="DayAheadHashprice"/>: every
/// interval of market day D uses the hashprice of the last interval at or before the day-ahead market close (10:00 CPT
/// on D − 1), so the schedule reads only day-ahead prices of D and the hashprice known when they were bid.
/// </summary>
public static class FleetDayAhead
{
    /// <summary>MW the fleet would buy day-ahead in each interval (summed over models).</summary>
    /// <exception cref="ArgumentException">The market has no day-ahead prices, or one is not a number.</exception>
    public static double[] ScheduleMw(MarketSeries market, FleetSpec fleet, SiteCommercials commercials, MarketClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(fleet);
        clock ??= MarketClock.Ercot;
        var da = market.DayAheadPriceUsdPerMWh
            ?? throw new ArgumentException($"The market series for '{market.SettlementPoint}' has no day-ahead prices; a day-ahead schedule needs them.");
        for (int t = 0; t < market.Count; t++)
            if (!double.IsFinite(da[t]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Day-ahead price is missing or not a number at {market.StartsUtc[t]:yyyy-MM-dd'T'HH:mm'Z'} (market day {clock.MarketDay(market.StartsUtc[t]):yyyy-MM-dd})."));
        var hashprice = new double[market.Count];
        DayAheadHashprice.Fill(market, clock, hashprice);
        var dayAhead = new MarketSeries(market.StartsUtc, da, hashprice, market.IntervalHours, null, market.SettlementPoint, "day-ahead");
        var result = FleetBacktester.Run(dayAhead, fleet, commercials, clock);
        return SiteLoadProfile.FromFleet(dayAhead, result, 0).MwConsumed;
    }
}
