using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Contracts;

/// <summary>
/// Decides whether an interval belongs to a <see cref="PowerBlock"/>. An interval is classified by its start instant
/// converted to Central Prevailing Time with the given <see cref="MarketClock"/>: the local hour h (0..23) is hour
/// ending h+1, the local date is the market day. Intervals of one hour or less that start on the hour grid never
/// straddle two hours, so classifying by the start is exact. On the fall-back day the repeated local hour 01:00 is
/// HE2 both times (7x8); on the spring-forward day HE3 simply does not occur.
/// <para>Default holiday handling is <see cref="HolidayCalendar.Nerc"/> (the ICE/CME ERCOT block convention):
/// NERC holidays are 2x16 days, not 5x16 days. Pass <see cref="HolidayCalendar.None"/> for a plain weekday/weekend split.</para>
/// </summary>
public static class BlockCalendar
{
    /// <summary>First local hour (hour beginning) of the 16 peak hours: 06:00 = HE7.</summary>
    public const int PeakFirstLocalHour = 6;
    /// <summary>Last local hour (hour beginning) of the 16 peak hours: 21:00 = HE22.</summary>
    public const int PeakLastLocalHour = 21;

    /// <summary>True when the interval starting at <paramref name="utcStart"/> is in <paramref name="block"/>.</summary>
    public static bool Contains(PowerBlock block, DateTime utcStart, MarketClock clock, HolidayCalendar holidays = HolidayCalendar.Nerc)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Contains(block, clock.ToLocal(utcStart), holidays);
    }

    /// <summary>Same as <see cref="Contains(PowerBlock, DateTime, MarketClock, HolidayCalendar)"/> for a local (CPT) start time.</summary>
    public static bool Contains(PowerBlock block, DateTime localStart, HolidayCalendar holidays)
    {
        if (block == PowerBlock.SevenBy24) return true;
        bool peakHour = localStart.Hour >= PeakFirstLocalHour && localStart.Hour <= PeakLastLocalHour;
        switch (block)
        {
            case PowerBlock.SevenBy8:
                return !peakHour;
            case PowerBlock.FiveBy16:
                return peakHour && !IsWeekendOrHoliday(DateOnly.FromDateTime(localStart), holidays);
            case PowerBlock.TwoBy16:
                return peakHour && IsWeekendOrHoliday(DateOnly.FromDateTime(localStart), holidays);
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block, "Unknown power block.");
        }
    }

    /// <summary>Saturday, Sunday, or (with <see cref="HolidayCalendar.Nerc"/>) an observed NERC holiday.</summary>
    public static bool IsWeekendOrHoliday(DateOnly day, HolidayCalendar holidays) =>
        day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
        || (holidays == HolidayCalendar.Nerc && NercHolidays.IsHoliday(day));

    /// <summary>Sets <paramref name="mask"/>[i] to true when interval i is in the block.</summary>
    public static void Mask(PowerBlock block, ReadOnlySpan<DateTime> startsUtc, MarketClock clock, Span<bool> mask, HolidayCalendar holidays = HolidayCalendar.Nerc)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (mask.Length != startsUtc.Length) throw new ArgumentException("The mask must have one entry per interval.", nameof(mask));
        for (int i = 0; i < startsUtc.Length; i++) mask[i] = Contains(block, startsUtc[i], clock, holidays);
    }
}
