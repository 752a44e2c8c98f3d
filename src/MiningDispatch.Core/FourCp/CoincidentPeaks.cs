using System.Globalization;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.FourCp;

/// <summary>One month's coincident peak: the start of the system-load interval with the highest load.</summary>
/// <param name="Year">Local (CPT) year.</param>
/// <param name="Month">Local (CPT) month.</param>
/// <param name="StartUtc">Start of the peak interval, UTC.</param>
/// <param name="SystemLoadMw">System load in that interval; null when the peak was given rather than found.</param>
public sealed record CoincidentPeak(int Year, int Month, DateTime StartUtc, double? SystemLoadMw)
{
    /// <summary>
    /// Length of the interval the peak is known to lie in: the system-load sample length when the peak was found in
    /// load data (1 h for hourly load: ERCOT's 15-minute 4CP interval is somewhere in that hour); null when the peak
    /// interval itself was given (it is then the market interval holding <see cref="StartUtc"/>).
    /// </summary>
    public TimeSpan? Length { get; init; }
}

/// <summary>Finds the 4CP intervals (one per month June–September by default).</summary>
public static class CoincidentPeaks
{
    /// <summary>
    /// For each local (year, month) in <paramref name="months"/> (default June–September) present in the load data,
    /// the interval with the highest load; ties go to the earliest interval.
    /// </summary>
    public static IReadOnlyList<CoincidentPeak> FromSystemLoad(SystemLoad load, MarketClock clock, IReadOnlyCollection<int>? months = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(clock);
        months ??= [6, 7, 8, 9];
        var peaks = new List<CoincidentPeak>();
        int current = -1;
        for (int i = 0; i < load.Count; i++)
        {
            var local = clock.ToLocal(load.StartsUtc[i]);
            if (!months.Contains(local.Month)) continue;
            if (current >= 0 && peaks[current].Year == local.Year && peaks[current].Month == local.Month)
            {
                if (load.LoadMw[i] > peaks[current].SystemLoadMw) peaks[current] = peaks[current] with { StartUtc = load.StartsUtc[i], SystemLoadMw = load.LoadMw[i] };
            }
            else
            {
                peaks.Add(new CoincidentPeak(local.Year, local.Month, load.StartsUtc[i], load.LoadMw[i]) { Length = load.Interval });
                current = peaks.Count - 1;
            }
        }
        return peaks;
    }

    /// <summary>
    /// Peaks given as known interval starts (e.g. ERCOT's published 4CP intervals). At most one per local month.
    /// </summary>
    public static IReadOnlyList<CoincidentPeak> FromKnownIntervals(IEnumerable<DateTime> peakStartsUtc, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(peakStartsUtc);
        ArgumentNullException.ThrowIfNull(clock);
        var peaks = new List<CoincidentPeak>();
        foreach (var t in peakStartsUtc.OrderBy(x => x))
        {
            if (t.Kind != DateTimeKind.Utc) throw new ArgumentException(Msg($"4CP interval {t:O} is not UTC."));
            var local = clock.ToLocal(t);
            if (peaks.Any(p => p.Year == local.Year && p.Month == local.Month))
                throw new ArgumentException(Msg($"Two 4CP intervals given for {local.Year}-{local.Month:00}; there is one peak per month."));
            peaks.Add(new CoincidentPeak(local.Year, local.Month, t, null));
        }
        return peaks;
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
