using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Screen;

/// <summary>
/// The intervals every settlement point is screened on: a regular UTC grid from <see cref="FromUtc"/> in steps of
/// <see cref="IntervalHours"/>, with the hashprice that applies to each interval (NaN where none does) and whether the
/// interval lies in the 4CP window (<see cref="FourCpWindowRule.Default"/>: weekdays June–September, 15:00–17:30
/// Central). A point's prices are put on the grid by time (<see cref="ToGrid"/>), so the calendar is worked out once
/// for every point.
/// </summary>
public sealed class ScreenGrid
{
    /// <summary>A grid of <paramref name="count"/> intervals from <paramref name="fromUtc"/>.</summary>
    /// <param name="fromUtc">Start of the first interval (UTC).</param>
    /// <param name="count">Number of intervals.</param>
    /// <param name="intervalHours">Interval length, hours (1 or 0.25).</param>
    /// <param name="hashpriceUsdPerThDay">Hashprice per interval (USD per TH/s per day); NaN where none applies.</param>
    /// <param name="clock">Market clock for the 4CP window.</param>
    /// <param name="window">The 4CP window (default <see cref="FourCpWindowRule.Default"/>).</param>
    public ScreenGrid(DateTime fromUtc, int count, double intervalHours, double[] hashpriceUsdPerThDay, MarketClock clock, FourCpWindowRule? window = null)
    {
        ArgumentNullException.ThrowIfNull(hashpriceUsdPerThDay);
        ArgumentNullException.ThrowIfNull(clock);
        if (fromUtc.Kind != DateTimeKind.Utc) throw new ArgumentException($"The grid start {fromUtc:O} is not UTC.", nameof(fromUtc));
        if (!(intervalHours > 0)) throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "The interval length must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (hashpriceUsdPerThDay.Length != count) throw new ArgumentException("One hashprice per interval is needed.", nameof(hashpriceUsdPerThDay));
        FromUtc = fromUtc;
        IntervalHours = intervalHours;
        Step = TimeSpan.FromHours(intervalHours);
        HashpriceUsdPerThDay = hashpriceUsdPerThDay;
        Window = window ?? FourCpWindowRule.Default;
        Window.Validate();
        StartsUtc = new DateTime[count];
        FourCpWindow = new bool[count];
        for (int i = 0; i < count; i++)
        {
            StartsUtc[i] = fromUtc + i * Step;
            FourCpWindow[i] = Window.Contains(StartsUtc[i], intervalHours, clock);
        }
    }

    public DateTime FromUtc { get; }
    public double IntervalHours { get; }
    public TimeSpan Step { get; }
    public int Count => StartsUtc.Length;
    /// <summary>Interval starts, UTC.</summary>
    public DateTime[] StartsUtc { get; }
    /// <summary>Hashprice per interval; NaN where none applies (the interval is not screened).</summary>
    public double[] HashpriceUsdPerThDay { get; }
    /// <summary>True for intervals that overlap the 4CP window.</summary>
    public bool[] FourCpWindow { get; }
    /// <summary>The 4CP window rule used.</summary>
    public FourCpWindowRule Window { get; }

    /// <summary>
    /// <paramref name="values"/> at <paramref name="startsUtc"/> placed on the grid: NaN in intervals with no value.
    /// Times outside the grid are skipped; a time between two grid starts is an error (another resolution).
    /// </summary>
    public double[] ToGrid(ReadOnlySpan<DateTime> startsUtc, ReadOnlySpan<double> values)
    {
        if (startsUtc.Length != values.Length) throw new ArgumentException("One value per time is needed.", nameof(values));
        var g = new double[Count];
        Array.Fill(g, double.NaN);
        long step = Step.Ticks, from = FromUtc.Ticks;
        for (int i = 0; i < startsUtc.Length; i++)
        {
            long d = startsUtc[i].Ticks - from;
            if (d < 0) continue;
            if (d % step != 0) throw new ArgumentException($"{startsUtc[i]:O} is not on the {IntervalHours} h grid starting {FromUtc:O}.", nameof(startsUtc));
            long k = d / step;
            if (k >= Count) continue;
            g[k] = values[i];
        }
        return g;
    }
}
