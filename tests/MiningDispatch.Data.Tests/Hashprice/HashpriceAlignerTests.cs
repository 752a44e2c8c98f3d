using System.Globalization;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

public class HashpriceAlignerTests
{
    private static HashpriceSeries Daily(params (int M, int D, double V)[] pts) =>
        HashpriceSeries.FromPoints(pts.Select(p => new HashpricePoint(Utc(2023, p.M, p.D), p.V)), "hand", TimeSpan.FromDays(1));

    private static readonly HashpriceSeries ThreeDays = Daily((7, 5, 0.05), (7, 6, 0.06), (7, 7, 0.07));

    [Fact]
    public void Published_HoursOfDayD_UseThePointStampedDMinus1()
    {
        DateTime[] hours = [Utc(2023, 7, 6, 0), Utc(2023, 7, 6, 23), Utc(2023, 7, 7, 0), Utc(2023, 7, 7, 12), Utc(2023, 7, 8, 23)];
        var v = HashpriceAligner.ToHourly(ThreeDays, hours, HashpriceAlignment.Published, out var cov);
        Assert.Equal([0.05, 0.05, 0.06, 0.06, 0.07], v);
        Assert.Empty(cov.Gaps);
        Assert.Equal(3, cov.RowsUsed);
        Assert.Equal(0, cov.FilledIntervals);
    }

    [Fact]
    public void PeriodStart_HoursOfDayD_UseThePointStampedD()
    {
        DateTime[] hours = [Utc(2023, 7, 5, 0), Utc(2023, 7, 6, 0), Utc(2023, 7, 6, 23), Utc(2023, 7, 7, 0), Utc(2023, 7, 7, 12)];
        var v = HashpriceAligner.ToHourly(ThreeDays, hours, HashpriceAlignment.PeriodStart, out var cov);
        Assert.Equal([0.05, 0.06, 0.06, 0.07, 0.07], v);
        Assert.Empty(cov.Gaps);
    }

    [Fact]
    public void HoursBeforeTheFirstUsablePoint_AreNaN_AndReported()
    {
        // First point 07-05 is published 07-06 00:00: the hours of 07-05 have nothing in Published mode.
        DateTime[] hours = [Utc(2023, 7, 4, 23), Utc(2023, 7, 5, 0), Utc(2023, 7, 5, 10), Utc(2023, 7, 6, 0)];
        var pub = HashpriceAligner.ToHourly(ThreeDays, hours, HashpriceAlignment.Published, out var cov);
        Assert.True(double.IsNaN(pub[0]) && double.IsNaN(pub[1]) && double.IsNaN(pub[2]));
        Assert.Equal(0.05, pub[3]);
        var gap = Assert.Single(cov.Gaps);
        Assert.Equal(Utc(2023, 7, 4, 23), gap.FromUtc);
        Assert.Equal(Utc(2023, 7, 5, 11), gap.ToUtc);
        Assert.Equal(3, gap.MissingIntervals);
        Assert.Equal(3, cov.MissingIntervals);

        var ps = HashpriceAligner.ToHourly(ThreeDays, hours, HashpriceAlignment.PeriodStart, out var cov2);
        Assert.True(double.IsNaN(ps[0]));
        Assert.Equal([0.05, 0.05, 0.06], ps[1..]);
        Assert.Equal(1, cov2.MissingIntervals);
    }

    [Fact]
    public void AfterTheLastPoint_DefaultStalenessIsTwoBuckets()
    {
        // Last point 07-07 = 0.07 becomes usable 07-08 00:00 (Published); limit 2 d -> usable until 07-10 00:00 exclusive.
        DateTime[] hours = [Utc(2023, 7, 8, 0), Utc(2023, 7, 9, 0), Utc(2023, 7, 9, 23), Utc(2023, 7, 10, 0), Utc(2023, 7, 11, 5)];
        var v = HashpriceAligner.ToHourly(ThreeDays, hours, HashpriceAlignment.Published, out var cov);
        Assert.Equal(0.07, v[0]);
        Assert.Equal(0.07, v[1]);
        Assert.Equal(0.07, v[2]);
        Assert.True(double.IsNaN(v[3]));
        Assert.True(double.IsNaN(v[4]));
        Assert.Equal(2, cov.FilledIntervals); // 07-09 00:00 and 23:00 use 07-07 beyond its own bucket
        var gap = Assert.Single(cov.Gaps);
        Assert.Equal(Utc(2023, 7, 10, 0), gap.FromUtc);
        Assert.Equal(2, gap.MissingIntervals);

        // PeriodStart: usable from 07-07 00:00, limit ends 07-09 00:00.
        var ps = HashpriceAligner.ToHourly(ThreeDays, hours, HashpriceAlignment.PeriodStart, out _);
        Assert.Equal(0.07, ps[0]);
        Assert.True(double.IsNaN(ps[1]));
    }

    [Fact]
    public void StalenessLimit_IsConfigurable()
    {
        DateTime[] hours = [Utc(2023, 7, 8, 23), Utc(2023, 7, 9, 0)];
        var v = HashpriceAligner.ToHourly(ThreeDays, hours, HashpriceAlignment.Published, TimeSpan.FromDays(1), out var cov);
        Assert.Equal(0.07, v[0]);
        Assert.True(double.IsNaN(v[1]));
        Assert.Equal(1, cov.MissingIntervals);
        var w = HashpriceAligner.ToHourly(ThreeDays, [Utc(2023, 7, 20, 0)], HashpriceAlignment.Published, TimeSpan.FromDays(30), out _);
        Assert.Equal(0.07, w[0]);
    }

    [Fact]
    public void InternalGap_ForwardFillsOneBucket_ThenNaN()
    {
        // 07-03 and 07-04 missing. Published: 07-03 uses 07-02 normally, 07-04 uses it filled, 07-05 is stale
        // (07-02 usable from 07-03, limit 2 d), 07-06 uses 07-05.
        var s = Daily((7, 1, 0.01), (7, 2, 0.02), (7, 5, 0.05));
        DateTime[] hours = [.. Enumerable.Range(0, 5 * 24).Select(i => Utc(2023, 7, 2).AddHours(i))]; // 07-02 .. 07-06
        var v = HashpriceAligner.ToHourly(s, hours, HashpriceAlignment.Published, out var cov);
        for (int i = 0; i < hours.Length; i++)
        {
            int day = hours[i].Day;
            double expected = day switch { 2 => 0.01, 3 => 0.02, 4 => 0.02, 5 => double.NaN, _ => 0.05 };
            Assert.Equal(expected, v[i]);
        }
        var gap = Assert.Single(cov.Gaps);
        Assert.Equal(Utc(2023, 7, 5), gap.FromUtc);
        Assert.Equal(Utc(2023, 7, 6), gap.ToUtc);
        Assert.Equal(24, gap.MissingIntervals);
        Assert.Equal(24, cov.FilledIntervals);
    }

    [Fact]
    public void SixHourBuckets_UtcDay()
    {
        // 2024-03-01 00/06/12/18Z = 0.100/0.106/0.112/0.118, bucket 6 h (inferred).
        var s = HashpriceSeries.FromPoints(
            [new(Utc(2024, 3, 1, 0), 0.100), new(Utc(2024, 3, 1, 6), 0.106), new(Utc(2024, 3, 1, 12), 0.112), new(Utc(2024, 3, 1, 18), 0.118)],
            "hand");
        Assert.Equal(TimeSpan.FromHours(6), s.Bucket);
        DateTime[] hours = [.. Enumerable.Range(0, 30).Select(i => Utc(2024, 3, 1).AddHours(i))];
        var pub = HashpriceAligner.ToHourly(s, hours, HashpriceAlignment.Published, out var cov);
        var ps = HashpriceAligner.ToHourly(s, hours, HashpriceAlignment.PeriodStart, out _);
        for (int h = 0; h < 30; h++)
        {
            // Published: hour h uses the bucket that ended at or before h: floor(h/6)-1. Stale from h >= 18+6+12 = 36.
            int pubIdx = h / 6 - 1;
            double expPub = pubIdx < 0 ? double.NaN : 0.100 + 0.006 * Math.Min(pubIdx, 3);
            // PeriodStart: bucket containing h; the 18Z point is usable until 18+12 = 30 h.
            double expPs = 0.100 + 0.006 * Math.Min(h / 6, 3);
            Assert.Equal(expPub, pub[h], 12);
            Assert.Equal(expPs, ps[h], 12);
        }
        Assert.Equal(6, cov.MissingIntervals);
    }

    [Fact]
    public void RealDailyFile_PublishedUsesPreviousDay_PeriodStartSameDay()
    {
        string path = PathOf("hashprice_daily_blockchaincom_2023-06-26_2023-07-16.csv");
        var s = HashpriceCsvLoader.Load(path);
        // Independent read of the file: date -> USD/PH/day.
        var byDate = File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                          f => double.Parse(f[5], CultureInfo.InvariantCulture) / 1000.0);
        DateTime[] hours = [.. Enumerable.Range(0, 20 * 24).Select(i => Utc(2023, 6, 27).AddHours(i))]; // 06-27 .. 07-16
        var pub = HashpriceAligner.ToHourly(s, hours, HashpriceAlignment.Published, out var cov);
        var ps = HashpriceAligner.ToHourly(s, hours, HashpriceAlignment.PeriodStart, out _);
        for (int i = 0; i < hours.Length; i++)
        {
            var day = DateOnly.FromDateTime(hours[i]);
            Assert.Equal(byDate[day.AddDays(-1)], pub[i], 12);
            Assert.Equal(byDate[day], ps[i], 12);
        }
        Assert.Equal(0, cov.MissingIntervals);
        Assert.Equal(0.077512, pub[Array.IndexOf(hours, Utc(2023, 7, 7, 13))], 12);
    }

    [Fact]
    public void NonUtcHour_Throws()
    {
        var local = new DateTime(2023, 7, 6, 0, 0, 0, DateTimeKind.Unspecified);
        var ex = Assert.Throws<ArgumentException>(() => HashpriceAligner.ToHourly(ThreeDays, [local], HashpriceAlignment.Published, out _));
        Assert.Contains("not UTC", ex.Message);
    }

    [Fact]
    public void EmptySeries_AllHoursUncovered()
    {
        var s = HashpriceSeries.FromPoints([], "none", TimeSpan.FromDays(1));
        var v = HashpriceAligner.ToHourly(s, [Utc(2023, 7, 6), Utc(2023, 7, 6, 1)], HashpriceAlignment.Published, out var cov);
        Assert.All(v, x => Assert.True(double.IsNaN(x)));
        Assert.Equal(2, cov.MissingIntervals);
    }
}
