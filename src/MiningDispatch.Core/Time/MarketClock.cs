namespace MiningDispatch.Core.Time;

/// <summary>
/// Maps UTC instants to ERCOT market time (Central Prevailing Time, America/Chicago) for grouping results by
/// market day, month and hour. Pure: it takes the zone explicitly and never reads the machine clock.
/// </summary>
public sealed class MarketClock
{
    public static MarketClock Ercot { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    public MarketClock(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    public DateTime ToLocal(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc) throw new ArgumentException("Expected a UTC time.", nameof(utc));
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone), DateTimeKind.Unspecified);
    }

    /// <summary>The market day (local date) an interval starting at <paramref name="utcStart"/> belongs to.</summary>
    public DateOnly MarketDay(DateTime utcStart) => DateOnly.FromDateTime(ToLocal(utcStart));

    /// <summary>UTC instant of a local (Central Prevailing) time on a market day.</summary>
    public DateTime ToUtc(DateOnly day, TimeOnly localTime)
    {
        var local = day.ToDateTime(localTime, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>UTC instant of local midnight starting a market day.</summary>
    public DateTime DayStartUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
