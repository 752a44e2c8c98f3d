using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Forward;

public class HashpricePathTests
{
    private static DateTime[] HourlyUtc(DateTime from, int hours)
        => Enumerable.Range(0, hours).Select(i => from.AddHours(i)).ToArray();

    private static readonly DateTime Start = new(2026, 1, 1, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Flat_IsConstant()
    {
        var hp = HashpricePath.Flat(new UsdPerPhDay(45).ToPerThDay(), HourlyUtc(Start, 100));
        Assert.All(hp, v => Assert.Equal(0.045, v, 15));
    }

    [Fact]
    public void Growth_CompoundsDailyByUtcDay()
    {
        var hours = HourlyUtc(Start, 400 * 24);
        var hp = HashpricePath.Growth(new UsdPerThDay(0.05), 2.0, hours);
        // The first UTC day (2026-01-01, hours 06:00..23:00) is day 0.
        Assert.Equal(0.05, hp[0], 15);
        Assert.Equal(0.05, hp[17], 15);              // 2026-01-01T23:00Z, still day 0
        double day1 = 0.05 * Math.Pow(1.02, 1 / (365.25 / 12));
        Assert.Equal(day1, hp[18], 14);              // 2026-01-02T00:00Z
        // 365 days later: 0.05 × 1.02^(365 / 30.4375) ≈ 0.0634.
        int i = Array.IndexOf(hours, new DateTime(2027, 1, 1, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0.05 * Math.Pow(1.02, 365 / 30.4375), hp[i], 13);
        Assert.InRange(hp[i], 0.0634, 0.0635);
        var down = HashpricePath.Growth(new UsdPerThDay(0.05), -3.0, hours);
        Assert.Equal(0.05 * Math.Pow(0.97, 365 / 30.4375), down[i], 13);
        Assert.Throws<ArgumentOutOfRangeException>(() => HashpricePath.Growth(new UsdPerThDay(0.05), -100, hours));
    }

    [Fact]
    public void Growth_AnchorBeforeFirstHour()
    {
        var hours = HourlyUtc(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), 24);
        var hp = HashpricePath.Growth(new UsdPerThDay(0.04), 1.0, hours, anchorUtcDay: new DateOnly(2026, 1, 1));
        Assert.Equal(0.04 * Math.Pow(1.01, 31 / 30.4375), hp[0], 14);
    }

    [Fact]
    public void FromPoints_LinearAndStep()
    {
        var pts = new[]
        {
            new HashpricePoint(new DateOnly(2026, 1, 11), new UsdPerThDay(0.04)),
            new HashpricePoint(new DateOnly(2026, 1, 21), new UsdPerThDay(0.06)),
        };
        var hours = HourlyUtc(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 31 * 24);
        var lin = HashpricePath.FromPoints(pts, hours);
        var step = HashpricePath.FromPoints(pts, hours, HashpriceInterpolation.Step);
        int Day(int d, int h = 12) => (d - 1) * 24 + h;
        Assert.Equal(0.04, lin[Day(1)], 15);                 // before the first knot
        Assert.Equal(0.04, lin[Day(11)], 15);
        Assert.Equal(0.05, lin[Day(16, 0)], 15);             // halfway
        Assert.Equal(0.05, lin[Day(16, 23)], 15);            // constant within the UTC day
        Assert.Equal(0.042, lin[Day(12)], 15);
        Assert.Equal(0.06, lin[Day(31)], 15);                // after the last knot
        Assert.Equal(0.04, step[Day(16)], 15);
        Assert.Equal(0.06, step[Day(21)], 15);
        var unsorted = new[] { pts[1], pts[0] };
        Assert.Contains("increasing", Assert.Throws<ArgumentException>(() => HashpricePath.FromPoints(unsorted, hours)).Message);
        var negative = new[] { new HashpricePoint(new DateOnly(2026, 1, 1), new UsdPerThDay(-1)) };
        Assert.Throws<ArgumentOutOfRangeException>(() => HashpricePath.FromPoints(negative, hours));
    }
}
