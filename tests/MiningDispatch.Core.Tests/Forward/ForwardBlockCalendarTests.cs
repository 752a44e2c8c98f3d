using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.Forward;

public class ForwardBlockCalendarTests
{
    private static readonly ForwardBlockCalendar Nerc = ForwardBlockCalendar.Nerc;

    [Theory]
    // Monday 2026-01-05: HE6 (05:00) night, HE7 (06:00) peak, HE22 (21:00) peak, HE23 (22:00) night.
    [InlineData(2026, 1, 5, 5, ForwardBlock.Night7x8)]
    [InlineData(2026, 1, 5, 6, ForwardBlock.Peak5x16)]
    [InlineData(2026, 1, 5, 21, ForwardBlock.Peak5x16)]
    [InlineData(2026, 1, 5, 22, ForwardBlock.Night7x8)]
    [InlineData(2026, 1, 5, 0, ForwardBlock.Night7x8)]
    // Saturday and Sunday daytime are 2x16, nights 7x8.
    [InlineData(2026, 1, 10, 12, ForwardBlock.Weekend2x16)]
    [InlineData(2026, 1, 11, 6, ForwardBlock.Weekend2x16)]
    [InlineData(2026, 1, 11, 23, ForwardBlock.Night7x8)]
    // NERC holidays on weekdays are 2x16: New Year (Thu), Memorial Day, Labor Day, Thanksgiving, Christmas (Fri).
    [InlineData(2026, 1, 1, 12, ForwardBlock.Weekend2x16)]
    [InlineData(2026, 5, 25, 12, ForwardBlock.Weekend2x16)]
    [InlineData(2026, 9, 7, 12, ForwardBlock.Weekend2x16)]
    [InlineData(2026, 11, 26, 12, ForwardBlock.Weekend2x16)]
    [InlineData(2026, 12, 25, 12, ForwardBlock.Weekend2x16)]
    // 2026-07-04 is a Saturday: NERC does not move it to Friday, so 2026-07-03 is a peak day.
    [InlineData(2026, 7, 3, 12, ForwardBlock.Peak5x16)]
    // 2027-07-04 is a Sunday: observed Monday 2027-07-05.
    [InlineData(2027, 7, 5, 12, ForwardBlock.Weekend2x16)]
    [InlineData(2027, 7, 6, 12, ForwardBlock.Peak5x16)]
    // 2027-12-25 is a Saturday: Friday 2027-12-24 stays a peak day.
    [InlineData(2027, 12, 24, 12, ForwardBlock.Peak5x16)]
    public void BlockOf_Nerc(int y, int m, int d, int hourBeginning, ForwardBlock expected)
        => Assert.Equal(expected, Nerc.BlockOf(new DateOnly(y, m, d), hourBeginning));

    [Fact]
    public void NoHolidays_TreatsThanksgivingAsPeak()
    {
        Assert.Equal(ForwardBlock.Peak5x16, ForwardBlockCalendar.NoHolidays.BlockOf(new DateOnly(2026, 11, 26), 12));
        Assert.Equal(ForwardBlock.Night7x8, ForwardBlockCalendar.NoHolidays.BlockOf(new DateOnly(2026, 11, 26), 3));
    }

    [Fact]
    public void NercHolidays_2026()
    {
        var expected = new[]
        {
            new DateOnly(2026, 1, 1), new DateOnly(2026, 5, 25), new DateOnly(2026, 7, 4),
            new DateOnly(2026, 9, 7), new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 25),
        };
        Assert.Equal(expected, NercHolidays.ForYear(2026));
        foreach (var d in expected) Assert.True(NercHolidays.IsHoliday(d));
        Assert.False(NercHolidays.IsHoliday(new DateOnly(2026, 7, 3)));
        Assert.False(NercHolidays.IsHoliday(new DateOnly(2026, 11, 27)));
    }

    [Theory]
    // Hours per block in a market month, counted by hand from the calendar (weekday/holiday × 16, days × 8 ± DST hour).
    [InlineData(2026, 1, 336, 160, 248)]   // 21 peak days (Jan 1 holiday), 10 off-peak days
    [InlineData(2026, 3, 352, 144, 247)]   // spring forward on 8 March: the 02:00 hour is missing
    [InlineData(2026, 7, 368, 128, 248)]   // July 4 on Saturday: 23 peak days
    [InlineData(2026, 11, 320, 160, 241)]  // fall back on 1 November: the 01:00 hour twice; Thanksgiving
    public void HoursPerBlock_InMarketMonth(int year, int month, int peak, int weekend, int night)
    {
        var hours = ForwardScenario.MonthHours(MarketClock.Ercot, year, month, 1);
        var counts = new int[3];
        foreach (var h in hours) counts[(int)Nerc.BlockOfUtc(h, MarketClock.Ercot)]++;
        Assert.Equal(new[] { peak, weekend, night }, counts);
    }

    [Fact]
    public void FallBackDay_RepeatedHourIsNight()
    {
        // 2026-11-01 01:00 CDT = 06:00Z and 01:00 CST = 07:00Z.
        var clock = MarketClock.Ercot;
        Assert.Equal(ForwardBlock.Night7x8, Nerc.BlockOfUtc(new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc), clock));
        Assert.Equal(ForwardBlock.Night7x8, Nerc.BlockOfUtc(new DateTime(2026, 11, 1, 7, 0, 0, DateTimeKind.Utc), clock));
        var day = ForwardScenario.Hours(clock, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));
        Assert.Equal(25, day.Length);
        Assert.Equal(9, day.Count(h => Nerc.BlockOfUtc(h, clock) == ForwardBlock.Night7x8));
        Assert.Equal(16, day.Count(h => Nerc.BlockOfUtc(h, clock) == ForwardBlock.Weekend2x16));
    }

    [Fact]
    public void NameAndParse()
    {
        foreach (var b in Enum.GetValues<ForwardBlock>())
            Assert.Equal(b, ForwardBlockCalendar.Parse(ForwardBlockCalendar.Name(b)));
        Assert.Equal("5x16", ForwardBlockCalendar.Name(ForwardBlock.Peak5x16));
        Assert.Equal(ForwardBlock.Night7x8, ForwardBlockCalendar.Parse(" 7X8 "));
        var ex = Assert.Throws<FormatException>(() => ForwardBlockCalendar.Parse("7x24"));
        Assert.Contains("7x24", ex.Message);
    }
}
