using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.Strategies;

/// <summary>The hashprice a day-ahead schedule knows: the value at the day-ahead market close, 10:00 CPT the day before.</summary>
public class DayAheadHashpriceTests
{
    [Fact]
    public void Each_day_takes_the_value_at_ten_the_day_before_across_the_spring_change()
    {
        // Hourly from 2024-03-08 00:00 CST (06:00Z) for four market days; DST starts 2024-03-10 02:00 CST (a 23-hour day).
        // The hashprice of each hour is its index, so the value read tells which hour it came from.
        var start = new DateTime(2024, 3, 8, 6, 0, 0, DateTimeKind.Utc);
        int n = 24 + 24 + 23 + 24;
        var times = Enumerable.Range(0, n).Select(i => start.AddHours(i)).ToArray();
        var hp = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var market = new MarketSeries(times, new double[n], hp);
        var known = new double[n];
        DayAheadHashprice.Fill(market, MarketClock.Ercot, known);

        // 03-08: its close (03-07 10:00) precedes the series: the first hour's value, 0.
        // 03-09: close 03-08 10:00 CST = index 10. 03-10: close 03-09 10:00 CST = 24 + 10 = 34.
        // 03-11: close 03-10 10:00 CDT, 9 hours after midnight on the short day = 48 + 9 = 57.
        Assert.All(known[..24], v => Assert.Equal(0, v));
        Assert.All(known[24..48], v => Assert.Equal(10, v));
        Assert.All(known[48..71], v => Assert.Equal(34, v));
        Assert.All(known[71..], v => Assert.Equal(57, v));
    }

    [Fact]
    public void A_missing_close_hour_takes_the_last_hour_before_it()
    {
        // 2024-07-01 and 07-02 (CDT, UTC-5), with 07-01 09:00..11:00 CDT missing: 07-02 takes 08:00 CDT (index 8).
        var start = new DateTime(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc);
        var times = Enumerable.Range(0, 48).Where(i => i is < 9 or > 11).Select(i => start.AddHours(i)).ToArray();
        var hp = times.Select(t => (t - start).TotalHours).ToArray();
        var market = new MarketSeries(times, new double[times.Length], hp);
        var known = new double[times.Length];
        DayAheadHashprice.Fill(market, MarketClock.Ercot, known);
        int day2 = Array.FindIndex(times, t => t >= start.AddHours(24));
        Assert.All(known[day2..], v => Assert.Equal(8, v));
    }
}
