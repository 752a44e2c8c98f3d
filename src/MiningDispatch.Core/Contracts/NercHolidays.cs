namespace MiningDispatch.Core.Contracts;

/// <summary>
/// NERC off-peak holidays: New Year's Day (1 Jan), Memorial Day (last Monday of May), Independence Day (4 Jul),
/// Labor Day (first Monday of September), Thanksgiving Day (fourth Thursday of November) and Christmas Day (25 Dec).
/// A fixed-date holiday falling on a Sunday is observed on the Monday after; one falling on a Saturday stays on the
/// Saturday (already a weekend day). Pure calendar arithmetic, no data files.
/// </summary>
public static class NercHolidays
{
    /// <summary>True when <paramref name="day"/> (a market day in CPT) is an observed NERC holiday.</summary>
    public static bool IsHoliday(DateOnly day)
    {
        int y = day.Year;
        return day == Observed(new DateOnly(y, 1, 1))
            || day == LastWeekday(y, 5, DayOfWeek.Monday)
            || day == Observed(new DateOnly(y, 7, 4))
            || day == NthWeekday(y, 9, DayOfWeek.Monday, 1)
            || day == NthWeekday(y, 11, DayOfWeek.Thursday, 4)
            || day == Observed(new DateOnly(y, 12, 25));
    }

    /// <summary>The observed NERC holidays of a year, in date order.</summary>
    public static IReadOnlyList<DateOnly> ForYear(int year) =>
    [
        Observed(new DateOnly(year, 1, 1)),
        LastWeekday(year, 5, DayOfWeek.Monday),
        Observed(new DateOnly(year, 7, 4)),
        NthWeekday(year, 9, DayOfWeek.Monday, 1),
        NthWeekday(year, 11, DayOfWeek.Thursday, 4),
        Observed(new DateOnly(year, 12, 25)),
    ];

    private static DateOnly Observed(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? d.AddDays(1) : d;

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
