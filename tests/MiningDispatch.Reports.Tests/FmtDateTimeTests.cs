using System.Globalization;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Tests;

/// <summary>The digit-by-digit date formatting writes what the invariant-culture patterns write.</summary>
public class FmtDateTimeTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IEnumerable<DateTime> Times()
    {
        yield return DateTime.MinValue;
        yield return DateTime.MaxValue;
        yield return new DateTime(9, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        yield return new DateTime(2024, 3, 10, 7, 59, 59, DateTimeKind.Utc);
        yield return new DateTime(2024, 11, 3, 23, 0, 0, DateTimeKind.Unspecified);
        var rng = new Random(13);
        for (int i = 0; i < 2000; i++) yield return new DateTime(rng.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks));
    }

    [Fact]
    public void Minute_and_seconds_patterns_match_DateTime_ToString()
    {
        Span<char> buf = stackalloc char[40];
        foreach (var t in Times())
        {
            Assert.Equal(t.ToString("yyyy-MM-dd HH:mm", Inv), Fmt.Minute(t));
            int n = Fmt.DateTimeChars(buf, t, 'T', seconds: true);
            Assert.Equal(t.ToString("yyyy-MM-dd'T'HH:mm:ss", Inv), buf[..n].ToString());
        }
        // And one by hand.
        Assert.Equal("2024-07-01 05:09", Fmt.Minute(new DateTime(2024, 7, 1, 5, 9, 59)));
    }

    [Theory]
    [InlineData(0, 0, "+00:00")]
    [InlineData(-5, 0, "-05:00")]
    [InlineData(-6, 0, "-06:00")]
    [InlineData(5, 30, "+05:30")]
    [InlineData(-9, -30, "-09:30")]
    [InlineData(14, 0, "+14:00")]
    public void Offsets_match_the_zzz_pattern(int hours, int minutes, string expected)
    {
        var offset = new TimeSpan(hours, minutes, 0);
        Span<char> buf = stackalloc char[8];
        int n = Fmt.OffsetChars(buf, offset);
        Assert.Equal(expected, buf[..n].ToString());
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, offset).ToString("zzz", Inv), buf[..n].ToString());
    }
}
