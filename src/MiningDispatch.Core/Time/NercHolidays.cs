namespace MiningDispatch.Core.Time;

/// <summary>
/// The six NERC off-peak holidays: New Year's Day, Memorial Day (last Monday of May), Independence Day, Labor Day
/// (first Monday of September), Thanksgiving (fourth Thursday of November) and Christmas Day. A fixed-date holiday
/// that falls on a Sunday is observed on the following Monday; one that falls on a Saturday is not moved (NERC rule).
/// </summary>
public static class NercHolidays
{
    /// <summary>The observed NERC holidays of <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<DateOnly> ForYear(int year)
    {
        if (year is < 1900 or > 2200) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 1900 and 2200.");
        return
        [
            SundayToMonday(new DateOnly(year, 1, 1)),
            LastWeekday(year, 5, DayOfWeek.Monday),
            SundayToMonday(new DateOnly(year, 7, 4)),
            NthWeekday(year, 9, DayOfWeek.Monday, 1),
            NthWeekday(year, 11, DayOfWeek.Thursday, 4),
            SundayToMonday(new DateOnly(year, 12, 25)),
        ];
    }

    /// <summary>True when <paramref name="day"/> is an observed NERC holiday.</summary>
    public static bool IsHoliday(DateOnly day)
    {
        switch (day.Month)
        {
            case 1: return day == SundayToMonday(new DateOnly(day.Year, 1, 1));
            case 5: return day == LastWeekday(day.Year, 5, DayOfWeek.Monday);
            case 7: return day == SundayToMonday(new DateOnly(day.Year, 7, 4));
            case 9: return day == NthWeekday(day.Year, 9, DayOfWeek.Monday, 1);
            case 11: return day == NthWeekday(day.Year, 11, DayOfWeek.Thursday, 4);
            case 12: return day == SundayToMonday(new DateOnly(day.Year, 12, 25));
            default: return false;
        }
    }

    private static DateOnly SundayToMonday(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? d.AddDays(1) : d;

    private static DateOnly NthWeekday(int year, int month, DayOfWeek dow, int n)
    {
        var first = new DateOnly(year, month, 1);
        int offset = ((int)dow - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek dow)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        int back = ((int)last.DayOfWeek - (int)dow + 7) % 7;
        return last.AddDays(-back);
    }
}
