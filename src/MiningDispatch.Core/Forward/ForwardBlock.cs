using System.Globalization;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Forward;

/// <summary>
/// The three ERCOT forward blocks that together cover every hour once (docs/mining-economics.md §3.2, ICE/CME specs).
/// Hours are in Central Prevailing Time; "HE" is hour ending, so HE7 is the hour 06:00–07:00.
/// </summary>
public enum ForwardBlock
{
    /// <summary>5x16 (peak): Monday–Friday HE7–HE22 (hour beginning 06:00 … 21:00), excluding NERC holidays.</summary>
    Peak5x16 = 0,

    /// <summary>2x16: HE7–HE22 on Saturdays, Sundays and NERC holidays.</summary>
    Weekend2x16 = 1,

    /// <summary>7x8 (night): HE1–HE6 and HE23–HE24 (hour beginning 00:00 … 05:00, 22:00, 23:00) on every day.</summary>
    Night7x8 = 2,
}

/// <summary>
/// Assigns market hours to <see cref="ForwardBlock"/>s.
/// <para>
/// Holidays: by default (<see cref="Nerc"/>) the six NERC holidays (see <see cref="NercHolidays"/>) are off-peak days, so
/// their HE7–22 hours belong to 2x16, as in the ICE and CME ERCOT peak/off-peak contracts. <see cref="NoHolidays"/>
/// treats every Monday–Friday as a peak day.
/// </para>
/// <para>
/// Daylight saving time: a block is decided by the local wall-clock hour. On the spring-forward day the 02:00 hour
/// (HE3) does not exist, so that day's 7x8 block has 7 hours; on the fall-back day the 01:00 hour (HE2) occurs twice
/// and both occurrences are 7x8, giving 9 hours. The 5x16 and 2x16 blocks always have 16 hours per day.
/// </para>
/// </summary>
public sealed class ForwardBlockCalendar
{
    /// <summary>First hour beginning (local) of the 16-hour blocks: 06:00, i.e. HE7.</summary>
    public const int FirstOnPeakHourBeginning = 6;

    /// <summary>Last hour beginning (local) of the 16-hour blocks: 21:00, i.e. HE22.</summary>
    public const int LastOnPeakHourBeginning = 21;

    /// <summary>NERC holidays are off-peak days (the exchange convention).</summary>
    public static ForwardBlockCalendar Nerc { get; } = new(true);

    /// <summary>No holidays: every Monday–Friday is a peak day.</summary>
    public static ForwardBlockCalendar NoHolidays { get; } = new(false);

    private ForwardBlockCalendar(bool nercHolidaysAreOffPeak) => NercHolidaysAreOffPeakDays = nercHolidaysAreOffPeak;

    /// <summary>True when NERC holidays count as off-peak (weekend-like) days.</summary>
    public bool NercHolidaysAreOffPeakDays { get; }

    /// <summary>True for Saturdays, Sundays and (when enabled) NERC holidays.</summary>
    public bool IsOffPeakDay(DateOnly marketDay)
    {
        var dow = marketDay.DayOfWeek;
        if (dow is DayOfWeek.Saturday or DayOfWeek.Sunday) return true;
        return NercHolidaysAreOffPeakDays && NercHolidays.IsHoliday(marketDay);
    }

    /// <summary>Block of the hour that begins at the local (Central Prevailing Time) wall-clock time <paramref name="localHourBeginning"/>.</summary>
    public ForwardBlock BlockOfLocal(DateTime localHourBeginning)
        => BlockOf(DateOnly.FromDateTime(localHourBeginning), localHourBeginning.Hour);

    /// <summary>Block of the interval starting at <paramref name="utcStart"/>.</summary>
    public ForwardBlock BlockOfUtc(DateTime utcStart, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return BlockOfLocal(clock.ToLocal(utcStart));
    }

    /// <summary>Block of local hour-beginning <paramref name="hourBeginning"/> (0..23) on <paramref name="marketDay"/>.</summary>
    public ForwardBlock BlockOf(DateOnly marketDay, int hourBeginning)
        => BlockOf(IsOffPeakDay(marketDay), hourBeginning);

    /// <summary>Block of an hour given the day type and the local hour beginning (0..23).</summary>
    public static ForwardBlock BlockOf(bool offPeakDay, int hourBeginning)
    {
        if (hourBeginning is < 0 or > 23) throw new ArgumentOutOfRangeException(nameof(hourBeginning), hourBeginning, "Hour beginning must be 0..23.");
        if (hourBeginning < FirstOnPeakHourBeginning || hourBeginning > LastOnPeakHourBeginning) return ForwardBlock.Night7x8;
        return offPeakDay ? ForwardBlock.Weekend2x16 : ForwardBlock.Peak5x16;
    }

    /// <summary>The market's short name for a block: "5x16", "2x16" or "7x8".</summary>
    public static string Name(ForwardBlock block) => block switch
    {
        ForwardBlock.Peak5x16 => "5x16",
        ForwardBlock.Weekend2x16 => "2x16",
        ForwardBlock.Night7x8 => "7x8",
        _ => throw new ArgumentOutOfRangeException(nameof(block), block, "Unknown forward block."),
    };

    /// <summary>Parses "5x16" / "2x16" / "7x8" (case-insensitive; "peak" is accepted for 5x16).</summary>
    public static ForwardBlock Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "5x16" or "peak" => ForwardBlock.Peak5x16,
            "2x16" => ForwardBlock.Weekend2x16,
            "7x8" => ForwardBlock.Night7x8,
            _ => throw new FormatException(string.Format(CultureInfo.InvariantCulture,
                "Unknown forward block '{0}'; expected 5x16, 2x16 or 7x8.", text)),
        };
    }
}
