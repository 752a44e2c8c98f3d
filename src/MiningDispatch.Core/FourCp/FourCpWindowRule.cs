using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.FourCp;

/// <summary>
/// Calendar rule for intervals that may hold a 4CP peak: in <see cref="Months"/> (default June–September),
/// optionally weekdays only (default), and overlapping the local (CPT) time-of-day window
/// [<see cref="FromLocal"/>, <see cref="ToLocal"/>) (default 15:00–17:30, i.e. HE16–HE18 for hourly data).
/// An interval counts when any part of it lies in the window. Weekends are excluded by default although a Sunday peak
/// has happened (30 June 2024); set <see cref="WeekdaysOnly"/> to false to cover them.
/// </summary>
public sealed record FourCpWindowRule
{
    /// <summary>The default rule: weekdays June–September, 15:00–17:30 CPT.</summary>
    public static FourCpWindowRule Default { get; } = new();

    /// <summary>June–September, 15:00–17:30 CPT on every day of the week (4CP peaks fall on weekends too).</summary>
    public static FourCpWindowRule AnyDay { get; } = new() { WeekdaysOnly = false };

    /// <summary>Months (1..12, CPT) in which 4CP peaks are set.</summary>
    public IReadOnlyCollection<int> Months { get; init; } = [6, 7, 8, 9];
    public bool WeekdaysOnly { get; init; } = true;
    /// <summary>Window start, local time of day (inclusive).</summary>
    public TimeOnly FromLocal { get; init; } = new(15, 0);
    /// <summary>Window end, local time of day (exclusive). <see cref="TimeOnly.MinValue"/> means midnight at the end of the day.</summary>
    public TimeOnly ToLocal { get; init; } = new(17, 30);

    /// <summary>A rule covering every hour of every day of the months (use with a load threshold).</summary>
    public static FourCpWindowRule AllDay(params int[] months) => new()
    {
        Months = months.Length == 0 ? [6, 7, 8, 9] : months,
        WeekdaysOnly = false,
        FromLocal = TimeOnly.MinValue,
        ToLocal = TimeOnly.MinValue,
    };

    /// <summary>Throws when the months or window are invalid.</summary>
    public void Validate()
    {
        if (Months is null || Months.Count == 0 || Months.Any(m => m is < 1 or > 12))
            throw new ArgumentException("4CP window: months must be a non-empty set of 1..12.");
        if (ToLocal != TimeOnly.MinValue && ToLocal <= FromLocal)
            throw new ArgumentException($"4CP window: end {ToLocal:HH\\:mm} must be after start {FromLocal:HH\\:mm}.");
    }

    /// <summary>True when the month (local) is one of <see cref="Months"/>.</summary>
    public bool InMonths(DateTime local) => Months.Contains(local.Month);

    /// <summary>True when the interval [utcStart, utcStart + intervalHours) overlaps the window on a qualifying day.</summary>
    public bool Contains(DateTime utcStart, double intervalHours, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Contains(clock.ToLocal(utcStart), intervalHours);
    }

    /// <summary>Same as <see cref="Contains(DateTime, double, MarketClock)"/> for a local start time.</summary>
    public bool Contains(DateTime localStart, double intervalHours)
    {
        if (!InMonths(localStart)) return false;
        if (WeekdaysOnly && localStart.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        double from = FromLocal.ToTimeSpan().TotalHours;
        double to = ToLocal == TimeOnly.MinValue ? 24.0 : ToLocal.ToTimeSpan().TotalHours;
        double s = localStart.TimeOfDay.TotalHours, e = s + intervalHours;
        return s < to && e > from;
    }
}
