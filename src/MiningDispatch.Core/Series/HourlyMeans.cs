namespace MiningDispatch.Core.Series;

/// <summary>A sub-hourly series averaged over each UTC hour, to compare a 15-minute run with the hourly one.</summary>
public static class HourlyMeans
{
    /// <summary>
    /// The hourly series of <paramref name="market"/>: for each UTC hour, the mean of the interval prices (and day-ahead
    /// prices and hashprices; a hashprice constant over the hour is kept exactly) in it. Returns null when an hour holds fewer intervals than a full hour (a gap inside
    /// it), since such an hour's mean would not be the hourly price. An hourly series is returned as it is.
    /// </summary>
    public static MarketSeries? Of(MarketSeries market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (market.IntervalHours == 1.0) return market;
        int perHour = (int)Math.Round(1.0 / market.IntervalHours);
        if (perHour < 2 || Math.Abs(perHour * market.IntervalHours - 1.0) > 1e-12)
            throw new ArgumentException($"Intervals of {market.IntervalHours} h do not divide an hour.", nameof(market));
        var t = market.StartsUtc;
        int n = market.Count;
        if (n % perHour != 0) return null;
        var hours = new DateTime[n / perHour];
        var price = new double[hours.Length];
        var hp = new double[hours.Length];
        var da = market.DayAheadPriceUsdPerMWh is null ? null : new double[hours.Length];
        for (int h = 0; h < hours.Length; h++)
        {
            int i0 = h * perHour;
            DateTime start = t[i0];
            if (start.Ticks % TimeSpan.TicksPerHour != 0 || t[i0 + perHour - 1] != start.AddHours(market.IntervalHours * (perHour - 1)))
                return null;
            double p = 0, x = 0, d = 0;
            for (int k = 0; k < perHour; k++)
            {
                p += market.PriceUsdPerMWh[i0 + k];
                x += market.HashpriceUsdPerThDay[i0 + k];
                if (da is not null) d += market.DayAheadPriceUsdPerMWh![i0 + k];
            }
            hours[h] = start;
            price[h] = p / perHour;
            // A hashprice constant over the hour (daily or 6-hourly data) stays exactly that value.
            bool sameHp = true;
            for (int k = 1; k < perHour; k++) sameHp &= market.HashpriceUsdPerThDay[i0 + k] == market.HashpriceUsdPerThDay[i0];
            hp[h] = sameHp ? market.HashpriceUsdPerThDay[i0] : x / perHour;
            if (da is not null) da[h] = d / perHour;
        }
        return new MarketSeries(hours, price, hp, 1.0, da, market.SettlementPoint, market.Market);
    }
}
