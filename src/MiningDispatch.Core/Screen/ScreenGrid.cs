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
        var g = new double[Count];
        ToGrid(startsUtc, values, g);
        return g;
    }

    /// <summary>
    /// <see cref="ToGrid(ReadOnlySpan{DateTime}, ReadOnlySpan{double})"/> written into <paramref name="destination"/>
    /// (<see cref="Count"/> values, every one overwritten), so a caller putting many points on the grid one after another
    /// reuses one array. Strictly increasing times one grid step apart (the usual series) are copied as one block.
    /// </summary>
    public void ToGrid(ReadOnlySpan<DateTime> startsUtc, ReadOnlySpan<double> values, Span<double> destination)
    {
        if (startsUtc.Length != values.Length) throw new ArgumentException("One value per time is needed.", nameof(values));
        if (destination.Length != Count) throw new ArgumentException("The destination must have one value per grid interval.", nameof(destination));
        var g = destination;
        g.Fill(double.NaN);
        long step = Step.Ticks, from = FromUtc.Ticks;
        if (Contiguous(startsUtc, step) && (startsUtc[0].Ticks - from) % step == 0)
        {
            // every time is on the grid: place the overlapping block at once
            long k0 = (startsUtc[0].Ticks - from) / step;
            long lo = Math.Max(0, k0), hi = Math.Min(Count, k0 + startsUtc.Length);
            if (lo < hi) values.Slice((int)(lo - k0), (int)(hi - lo)).CopyTo(g[(int)lo..]);
            return;
        }
        for (int i = 0; i < startsUtc.Length; i++)
        {
            long d = startsUtc[i].Ticks - from;
            if (d < 0) continue;
            if (d % step != 0) throw new ArgumentException($"{startsUtc[i]:O} is not on the {IntervalHours} h grid starting {FromUtc:O}.", nameof(startsUtc));
            long k = d / step;
            if (k >= Count) continue;
            g[(int)k] = values[i];
        }
    }

    /// <summary>True when <paramref name="t"/> is non-empty and each time is exactly one step after the one before.</summary>
    private static bool Contiguous(ReadOnlySpan<DateTime> t, long step)
    {
        if (t.IsEmpty) return false;
        long prev = t[0].Ticks;
        for (int i = 1; i < t.Length; i++)
        {
            long x = t[i].Ticks;
            if (x - prev != step) return false;
            prev = x;
        }
        return true;
    }
}
