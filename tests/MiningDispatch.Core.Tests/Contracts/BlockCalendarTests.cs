using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.Contracts;

public class BlockCalendarTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    // July 2024 is CDT (UTC−5). Friday 2024-07-05 is a plain weekday; Saturday 2024-07-06 a weekend day.
    [Theory]
    [InlineData(2024, 7, 5, 10, "7x8")]   // Fri 05:00 local = HE6
    [InlineData(2024, 7, 5, 11, "5x16")]  // Fri 06:00 local = HE7
    [InlineData(2024, 7, 6, 2, "5x16")]   // Fri 21:00 local = HE22 (already Saturday in UTC)
    [InlineData(2024, 7, 6, 3, "7x8")]    // Fri 22:00 local = HE23
    [InlineData(2024, 7, 6, 4, "7x8")]    // Fri 23:00 local = HE24
    [InlineData(2024, 7, 6, 5, "7x8")]    // Sat 00:00 local = HE1
    [InlineData(2024, 7, 6, 10, "7x8")]   // Sat 05:00 local = HE6
    [InlineData(2024, 7, 6, 11, "2x16")]  // Sat 06:00 local = HE7
    [InlineData(2024, 7, 7, 2, "2x16")]   // Sat 21:00 local = HE22
    [InlineData(2024, 7, 7, 3, "7x8")]    // Sat 22:00 local = HE23
    [InlineData(2024, 7, 8, 2, "2x16")]   // Sun 21:00 local = HE22
    [InlineData(2024, 7, 8, 11, "5x16")]  // Mon 06:00 local = HE7
    public void Contains_WeekdayWeekendBoundary_ExactlyOneOfThePartitionBlocks(int y, int mo, int d, int h, string expected)
    {
        var utc = Utc(y, mo, d, h);
        var expectedBlock = PowerBlocks.Parse(expected);
        foreach (var b in new[] { PowerBlock.FiveBy16, PowerBlock.TwoBy16, PowerBlock.SevenBy8 })
            Assert.Equal(b == expectedBlock, BlockCalendar.Contains(b, utc, Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.SevenBy24, utc, Clock));
    }

    [Fact]
    public void Contains_FifteenMinuteIntervals_ClassifiedByTheirHour()
    {
        // Fri 2024-07-05 local 05:45 (HE6) and 06:00/06:15 (HE7); 21:45 (HE22) and 22:00 (HE23).
        Assert.True(BlockCalendar.Contains(PowerBlock.SevenBy8, Utc(2024, 7, 5, 10, 45), Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.FiveBy16, Utc(2024, 7, 5, 11, 0), Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.FiveBy16, Utc(2024, 7, 5, 11, 15), Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.FiveBy16, Utc(2024, 7, 6, 2, 45), Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.SevenBy8, Utc(2024, 7, 6, 3, 0), Clock));
    }

    [Fact]
    public void Contains_Holiday_Is2x16WithNercAnd5x16WithoutHolidays()
    {
        var noonJuly4 = Utc(2024, 7, 4, 17); // Thu 12:00 CDT
        Assert.True(BlockCalendar.Contains(PowerBlock.TwoBy16, noonJuly4, Clock));
        Assert.False(BlockCalendar.Contains(PowerBlock.FiveBy16, noonJuly4, Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.FiveBy16, noonJuly4, Clock, HolidayCalendar.None));
        Assert.False(BlockCalendar.Contains(PowerBlock.TwoBy16, noonJuly4, Clock, HolidayCalendar.None));
        // Off-peak hours of a holiday are 7x8 either way.
        Assert.True(BlockCalendar.Contains(PowerBlock.SevenBy8, Utc(2024, 7, 4, 8), Clock));
    }

    [Fact]
    public void Contains_DaylightSavingShiftsTheUtcHourOfHe7()
    {
        // Mon 2024-03-04 is CST (UTC−6): 11:00Z = 05:00 local (HE6), 12:00Z = 06:00 (HE7).
        Assert.True(BlockCalendar.Contains(PowerBlock.SevenBy8, Utc(2024, 3, 4, 11), Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.FiveBy16, Utc(2024, 3, 4, 12), Clock));
        // Mon 2024-03-11 is CDT (UTC−5): 11:00Z = 06:00 local (HE7).
        Assert.True(BlockCalendar.Contains(PowerBlock.FiveBy16, Utc(2024, 3, 11, 11), Clock));
        // Fall-back Sun 2024-11-03: 01:00 local occurs at 06:00Z (CDT) and 07:00Z (CST): both HE2, 7x8.
        Assert.True(BlockCalendar.Contains(PowerBlock.SevenBy8, Utc(2024, 11, 3, 6), Clock));
        Assert.True(BlockCalendar.Contains(PowerBlock.SevenBy8, Utc(2024, 11, 3, 7), Clock));
        // 12:00Z that day = 06:00 CST = HE7 on a Sunday: 2x16.
        Assert.True(BlockCalendar.Contains(PowerBlock.TwoBy16, Utc(2024, 11, 3, 12), Clock));
    }

    [Fact]
    public void Contains_AWholeWeekHas80PeakHours32WeekendPeakHoursAnd56OffPeakHours()
    {
        // Mon 2024-07-08 00:00 CDT .. Sun 2024-07-14 24:00: 168 hours, no holiday.
        var start = Utc(2024, 7, 8, 5);
        int p = 0, w = 0, o = 0;
        for (int i = 0; i < 168; i++)
        {
            var t = start.AddHours(i);
            if (BlockCalendar.Contains(PowerBlock.FiveBy16, t, Clock)) p++;
            if (BlockCalendar.Contains(PowerBlock.TwoBy16, t, Clock)) w++;
            if (BlockCalendar.Contains(PowerBlock.SevenBy8, t, Clock)) o++;
        }
        Assert.Equal(5 * 16, p);
        Assert.Equal(2 * 16, w);
        Assert.Equal(7 * 8, o);
    }

    [Theory]
    [InlineData(2024, 11, 3, 25, 9, 16)]  // fall-back Sunday: HE2 twice → 9 off-peak hours
    [InlineData(2024, 3, 10, 23, 7, 16)]  // spring-forward Sunday: no HE3 → 7 off-peak hours
    public void Contains_DstDays_OffPeakHourCount(int y, int mo, int d, int hoursInDay, int expected7x8, int expected2x16)
    {
        var start = Clock.DayStartUtc(new DateOnly(y, mo, d));
        Assert.Equal(hoursInDay, (Clock.DayStartUtc(new DateOnly(y, mo, d).AddDays(1)) - start).TotalHours);
        var hours = Enumerable.Range(0, hoursInDay).Select(h => start.AddHours(h)).ToArray();
        Assert.Equal(expected7x8, hours.Count(t => BlockCalendar.Contains(PowerBlock.SevenBy8, t, Clock)));
        Assert.Equal(expected2x16, hours.Count(t => BlockCalendar.Contains(PowerBlock.TwoBy16, t, Clock)));
        Assert.Equal(0, hours.Count(t => BlockCalendar.Contains(PowerBlock.FiveBy16, t, Clock)));
    }

    [Theory]
    [InlineData("2022-12-26", true)]   // Christmas 2022 on a Sunday, observed Monday
    [InlineData("2022-12-25", false)]  // the Sunday itself is not the observed holiday (it is a weekend day anyway)
    [InlineData("2021-12-31", false)]  // New Year 2022 on a Saturday: not moved to the Friday
    [InlineData("2021-07-05", true)]   // Independence Day 2021 on a Sunday, observed Monday
    [InlineData("2024-05-27", true)]   // Memorial Day: last Monday of May
    [InlineData("2024-05-20", false)]
    [InlineData("2024-09-02", true)]   // Labor Day: first Monday of September
    [InlineData("2024-11-28", true)]   // Thanksgiving: fourth Thursday of November
    [InlineData("2024-11-29", false)]  // Black Friday is not a NERC holiday
    [InlineData("2024-01-01", true)]
    [InlineData("2024-12-25", true)]
    public void NercHolidays_IsHoliday(string day, bool expected)
    {
        Assert.Equal(expected, NercHolidays.IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void PowerBlocks_ParseAndLabelRoundTrip_AndRejectUnknown()
    {
        foreach (var b in Enum.GetValues<PowerBlock>()) Assert.Equal(b, PowerBlocks.Parse(b.Label()));
        Assert.Equal(PowerBlock.FiveBy16, PowerBlocks.Parse(" 5X16 "));
        var ex = Assert.Throws<FormatException>(() => PowerBlocks.Parse("6x16"));
        Assert.Contains("6x16", ex.Message);
    }
}
