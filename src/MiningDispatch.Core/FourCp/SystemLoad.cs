using System.Globalization;

namespace MiningDispatch.Core.FourCp;

/// <summary>
/// ERCOT system load (MW) by interval start (UTC), strictly increasing; 15-minute for settlement-grade 4CP, hourly
/// also works. It may be an actual load series (for identifying peaks after the fact) or a forecast (for avoidance).
/// </summary>
public sealed class SystemLoad
{
    public SystemLoad(DateTime[] startsUtc, double[] loadMw, string source = "system load")
    {
        ArgumentNullException.ThrowIfNull(startsUtc);
        ArgumentNullException.ThrowIfNull(loadMw);
        ArgumentNullException.ThrowIfNull(source);
        if (startsUtc.Length != loadMw.Length)
            throw new ArgumentException(Msg($"{source}: {startsUtc.Length} times but {loadMw.Length} load values."));
        for (int i = 0; i < startsUtc.Length; i++)
        {
            if (startsUtc[i].Kind != DateTimeKind.Utc)
                throw new ArgumentException(Msg($"{source}: row {i} ({startsUtc[i]:O}) is not UTC."));
            if (i > 0 && startsUtc[i] <= startsUtc[i - 1])
                throw new ArgumentException(Msg($"{source}: times must be strictly increasing ({startsUtc[i - 1]:O} then {startsUtc[i]:O})."));
            if (!double.IsFinite(loadMw[i]) || loadMw[i] < 0)
                throw new ArgumentException(Msg($"{source}: load at {startsUtc[i]:O} is {loadMw[i]}; it must be a non-negative number of MW."));
        }
        StartsUtc = startsUtc;
        LoadMw = loadMw;
        Source = source;
        long step = long.MaxValue;
        for (int i = 1; i < startsUtc.Length; i++) step = Math.Min(step, (startsUtc[i] - startsUtc[i - 1]).Ticks);
        Interval = step == long.MaxValue ? TimeSpan.FromHours(1) : TimeSpan.FromTicks(step);
    }

    /// <summary>
    /// Length of one load sample: the shortest spacing of the starts (1 h for hourly data even with gaps, 15 min for
    /// 15-minute data); 1 h when there is a single sample.
    /// </summary>
    public TimeSpan Interval { get; }

    public DateTime[] StartsUtc { get; }
    public double[] LoadMw { get; }
    /// <summary>Label used in error messages and reports.</summary>
    public string Source { get; }
    public int Count => StartsUtc.Length;

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
