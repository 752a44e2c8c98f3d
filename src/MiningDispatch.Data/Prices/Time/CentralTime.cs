namespace MiningDispatch.Data.Prices;

/// <summary>Outcome of converting an ERCOT local (Central Prevailing Time) slot to UTC.</summary>
internal enum LocalConversion
{
    Ok,
    /// <summary>The wall-clock time does not exist (spring-forward gap).</summary>
    Invalid,
    /// <summary>A repeated-hour flag of Y on a time that is not repeated.</summary>
    FlagOnUnrepeatedTime,
    /// <summary>Hour 25 (minute of day past 24:00) on a day that is not the fall-back day, or with a flag column.</summary>
    HourOutOfDay,
    /// <summary>Kept back until the whole fall-back day is known (flagless files only).</summary>
    Deferred,
}

/// <summary>
/// Converts Central Prevailing Time (America/Chicago) wall-clock slots to UTC exactly, as ERCOT uses them:
/// ambiguous fall-back times take the repeated-hour flag (Y = second occurrence = CST), non-existent spring
/// times are rejected. Caches the day's offset, so ordinary days cost no time-zone lookup.
/// </summary>
internal sealed class CentralTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private DateOnly _day = DateOnly.MinValue;
    private long _midnightUtcTicks;
    private long _offsetTicks;
    private bool _transition;
    private bool _fallBack;

    /// <summary>True when <paramref name="day"/> is a fall-back day (25 hours).</summary>
    public bool IsFallBackDay(DateOnly day)
    {
        Load(day);
        return _fallBack;
    }

    /// <summary>
    /// True when the clocks do not change on <paramref name="day"/>: every wall time of it is then
    /// <paramref name="midnightUtcTicks"/> plus the time of day, as <see cref="ToUtc"/> gives it without a repeated flag.
    /// </summary>
    public bool IsOrdinaryDay(DateOnly day, out long midnightUtcTicks)
    {
        Load(day);
        midnightUtcTicks = _midnightUtcTicks;
        return !_transition;
    }

    /// <summary>UTC ticks of local midnight starting <paramref name="day"/>.</summary>
    public long MidnightUtcTicks(DateOnly day)
    {
        Load(day);
        return _midnightUtcTicks;
    }

    /// <summary>
    /// UTC ticks of the local wall time <paramref name="day"/> + <paramref name="minuteOfDay"/>; on the fall-back day
    /// <paramref name="repeated"/> = true picks the second (CST) occurrence of the repeated hour.
    /// </summary>
    public LocalConversion ToUtc(DateOnly day, int minuteOfDay, bool? repeated, out long utcTicks)
    {
        utcTicks = 0;
        if (minuteOfDay < 0 || minuteOfDay >= 24 * 60) return LocalConversion.HourOutOfDay;
        Load(day);
        long wallTicks = day.DayNumber * TimeSpan.TicksPerDay + minuteOfDay * TimeSpan.TicksPerMinute;
        if (!_transition)
        {
            if (repeated == true) return LocalConversion.FlagOnUnrepeatedTime;
            utcTicks = wallTicks - _offsetTicks;
            return LocalConversion.Ok;
        }
        var wall = new DateTime(wallTicks, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(wall)) return LocalConversion.Invalid;
        TimeSpan offset;
        if (Zone.IsAmbiguousTime(wall))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(wall);
            TimeSpan min = offsets[0], max = offsets[0];
            foreach (var o in offsets)
            {
                if (o < min) min = o;
                if (o > max) max = o;
            }
            // first occurrence = daylight time (larger offset, -05:00); repeated = standard time (-06:00)
            offset = repeated == true ? min : max;
        }
        else
        {
            if (repeated == true) return LocalConversion.FlagOnUnrepeatedTime;
            offset = Zone.GetUtcOffset(wall);
        }
        utcTicks = wallTicks - offset.Ticks;
        return LocalConversion.Ok;
    }

    /// <summary>True when the wall time is in the repeated (ambiguous) hour of a fall-back day.</summary>
    public bool IsAmbiguous(DateOnly day, int minuteOfDay)
    {
        Load(day);
        if (!_fallBack || minuteOfDay < 0 || minuteOfDay >= 24 * 60) return false;
        return Zone.IsAmbiguousTime(day.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay));
    }

    private void Load(DateOnly day)
    {
        if (day == _day) return;
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var next = midnight.AddDays(1);
        var off0 = Zone.GetUtcOffset(midnight);
        var off1 = Zone.GetUtcOffset(next);
        _day = day;
        _offsetTicks = off0.Ticks;
        _midnightUtcTicks = midnight.Ticks - off0.Ticks;
        _transition = off0 != off1;
        _fallBack = off1 < off0;
    }
}
