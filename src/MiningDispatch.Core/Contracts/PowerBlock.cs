using System.Globalization;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Contracts;

/// <summary>
/// Standard ERCOT forward/PPA delivery blocks, in Central Prevailing Time (hour ending HE1..HE24; HE k covers local
/// clock time [k−1:00, k:00)). Peak hours are HE7–HE22 (local 06:00–22:00), off-peak hours HE1–HE6 and HE23–HE24.
/// </summary>
public enum PowerBlock
{
    /// <summary>7x24: every hour of every day ("around the clock").</summary>
    SevenBy24,
    /// <summary>5x16: Monday–Friday HE7–HE22, excluding NERC holidays when the calendar observes them.</summary>
    FiveBy16,
    /// <summary>2x16: Saturday, Sunday (and NERC holidays when observed) HE7–HE22.</summary>
    TwoBy16,
    /// <summary>7x8: every day HE1–HE6 and HE23–HE24.</summary>
    SevenBy8,
}

/// <summary>Which holidays count as weekend days for the 5x16 / 2x16 split.</summary>
public enum HolidayCalendar
{
    /// <summary>No holidays: only Saturday and Sunday are 2x16 days.</summary>
    None,
    /// <summary>
    /// NERC off-peak holidays (the ICE/CME ERCOT block convention): New Year's Day, Memorial Day, Independence Day,
    /// Labor Day, Thanksgiving Day and Christmas Day; a holiday on a Sunday is observed the following Monday, a holiday
    /// on a Saturday is not moved. See <see cref="NercHolidays"/>.
    /// </summary>
    Nerc,
}

/// <summary>Parsing and labels for <see cref="PowerBlock"/> ("7x24", "5x16", "2x16", "7x8").</summary>
public static class PowerBlocks
{
    /// <summary>The market label, e.g. "5x16".</summary>
    public static string Label(this PowerBlock block) => block switch
    {
        PowerBlock.SevenBy24 => "7x24",
        PowerBlock.FiveBy16 => "5x16",
        PowerBlock.TwoBy16 => "2x16",
        PowerBlock.SevenBy8 => "7x8",
        _ => throw new ArgumentOutOfRangeException(nameof(block), block, "Unknown power block."),
    };

    /// <summary>Parses "7x24", "5x16", "2x16" or "7x8" (case-insensitive, "X" or "x", surrounding spaces ignored).</summary>
    public static PowerBlock Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "7x24" => PowerBlock.SevenBy24,
            "5x16" => PowerBlock.FiveBy16,
            "2x16" => PowerBlock.TwoBy16,
            "7x8" => PowerBlock.SevenBy8,
            _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"Unknown power block '{text}': expected one of 7x24, 5x16, 2x16, 7x8.")),
        };
    }
}
