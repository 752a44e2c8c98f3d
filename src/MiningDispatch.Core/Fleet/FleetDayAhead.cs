using System.Globalization;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// The day-ahead schedule of a mixed fleet: the merit order applied to the day-ahead prices, decided the day before.
/// As for a single site (<see cref="Strategies.DayAhead.DayAheadStrategy"/>), every interval of market day D uses the
/// hashprice of the last interval before D starts (the first day uses its first interval's value), so the schedule
/// reads only day-ahead prices of D and hashprices known before D.
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
        int n = market.Count;
        var hashprice = new double[n];
        DateOnly current = default;
        double decision = 0;
        for (int t = 0; t < n; t++)
        {
            var day = clock.MarketDay(market.StartsUtc[t]);
            if (t == 0 || day != current)
            {
                current = day;
                decision = market.HashpriceUsdPerThDay[t == 0 ? 0 : t - 1];
            }
            if (!double.IsFinite(da[t]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Day-ahead price is missing or not a number at {market.StartsUtc[t]:yyyy-MM-dd'T'HH:mm'Z'} (market day {day:yyyy-MM-dd})."));
            hashprice[t] = decision;
        }
        var dayAhead = new MarketSeries(market.StartsUtc, da, hashprice, market.IntervalHours, null, market.SettlementPoint, "day-ahead");
        var result = FleetBacktester.Run(dayAhead, fleet, commercials, clock);
        var mw = new double[n];
        foreach (var tranche in result.MwRunning)
            for (int t = 0; t < n; t++) mw[t] += tranche[t];
        return mw;
    }
}
