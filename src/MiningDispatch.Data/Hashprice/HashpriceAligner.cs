using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// Which hashprice point an hour may use. Both modes rest on one convention: a point stamped T with bucket length B
/// describes the period [T, T + B) and is published (known) at T + B.
/// </summary>
public enum HashpriceAlignment
{
    /// <summary>
    /// Default, no look-ahead: the hour starting at h uses the latest point whose publication time T + B is &lt;= h.
    /// With daily points, every hour of day D uses the value stamped D − 1 (the last complete day).
    /// </summary>
    Published,

    /// <summary>
    /// What most notebooks do (forward-fill from the stamp): the hour starting at h uses the latest point with T &lt;= h.
    /// With daily points, every hour of day D uses the value stamped D. This looks ahead by one bucket.
    /// </summary>
    PeriodStart,
}

/// <summary>
/// Puts a hashprice series onto UTC hours (step-wise, never interpolated).
/// <para>
/// Rule. A point stamped T with bucket B (<see cref="HashpriceSeries.Bucket"/>: 1 day, 6 h, ..., inferred from the
/// median spacing by the loaders when the source does not say) describes [T, T + B) and is published at T + B.
/// It becomes <i>usable</i> at U = T + B in <see cref="HashpriceAlignment.Published"/> mode (the default) and at
/// U = T in <see cref="HashpriceAlignment.PeriodStart"/> mode. The hour starting at h takes the value of the point
/// with the latest U &lt;= h.
/// </para>
/// <para>
/// Coverage. The hour gets <see cref="double.NaN"/> and is reported as not covered when no point is usable yet
/// (h before the first U), or when the point it would use is stale: h &gt;= U + staleness limit. The limit defaults
/// to 2 × B, so a value is normally used for one bucket and may stand in for at most one missing point after it;
/// this applies inside the series (gaps) as well as after its last point. Hours that use a point beyond its own
/// bucket (h &gt;= U + B, i.e. the next point is missing) are counted as filled.
/// </para>
/// <para>
/// Example (daily, Published): points 2023-07-05 = a and 2023-07-06 = b. The hour 2023-07-06 00:00Z uses a
/// (published 07-06 00:00); 2023-07-06 23:00Z still uses a; 2023-07-07 00:00Z .. 23:00Z use b; from
/// 2023-07-08 00:00Z on, b is stale (U = 07-07, limit 2 d ends 07-09 00:00Z), so 07-08 still uses b (filled) and
/// 07-09 00:00Z is NaN. In PeriodStart mode 2023-07-06 00:00Z .. 23:00Z use b.
/// </para>
/// </summary>
public static class HashpriceAligner
{
    /// <summary>Aligns with the default staleness limit (2 × <see cref="HashpriceSeries.Bucket"/>).</summary>
    public static double[] ToHourly(
        HashpriceSeries s, ReadOnlySpan<DateTime> hourStartsUtc, HashpriceAlignment mode, out DataQualityReport coverage)
        => ToHourly(s, hourStartsUtc, mode, null, out coverage);

    /// <summary>
    /// Aligns <paramref name="s"/> to the given UTC hour starts (any order; each must have
    /// <see cref="DateTimeKind.Utc"/>). Returns one value per hour in USD/TH/day, NaN where not covered;
    /// <paramref name="coverage"/> lists the runs of uncovered hours as gaps.
    /// </summary>
    /// <param name="stalenessLimit">How long after becoming usable a point may still be used; null = 2 × bucket.</param>
    public static double[] ToHourly(
        HashpriceSeries s, ReadOnlySpan<DateTime> hourStartsUtc, HashpriceAlignment mode, TimeSpan? stalenessLimit,
        out DataQualityReport coverage)
        => Align(s, hourStartsUtc, TimeSpan.FromHours(1), mode, stalenessLimit, out coverage);

    /// <summary>
    /// Aligns <paramref name="s"/> to interval starts of length <paramref name="intervalHours"/> (1 = the hourly
    /// <see cref="ToHourly(HashpriceSeries, ReadOnlySpan{DateTime}, HashpriceAlignment, out DataQualityReport)"/>,
    /// 0.25 = ERCOT's 15-minute intervals) by the same rule: the interval starting at t uses the point with the latest
    /// usable time U &lt;= t (U = T + B published, T period-start), within the staleness limit (2 × bucket). Gaps of
    /// <paramref name="coverage"/> count intervals.
    /// </summary>
    public static double[] ToIntervals(
        HashpriceSeries s, ReadOnlySpan<DateTime> intervalStartsUtc, double intervalHours, HashpriceAlignment mode,
        out DataQualityReport coverage)
    {
        if (!(intervalHours > 0) || !double.IsFinite(intervalHours))
            throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "The interval length must be a positive number of hours.");
        return Align(s, intervalStartsUtc, TimeSpan.FromHours(intervalHours), mode, null, out coverage);
    }

    /// <summary>
    /// <see cref="ToIntervals(HashpriceSeries, ReadOnlySpan{DateTime}, double, HashpriceAlignment, out DataQualityReport)"/>
    /// that also returns, per interval, the index of the point it uses (−1 when not covered), so the coverage of any
    /// subset of the intervals can be reported later by <see cref="Coverage"/> without aligning again.
    /// </summary>
    public static double[] ToIntervals(
        HashpriceSeries s, ReadOnlySpan<DateTime> intervalStartsUtc, double intervalHours, HashpriceAlignment mode,
        out DataQualityReport coverage, out int[] pointIndex)
    {
        if (!(intervalHours > 0) || !double.IsFinite(intervalHours))
            throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "The interval length must be a positive number of hours.");
        var step = TimeSpan.FromHours(intervalHours);
        var (values, index) = Pick(s, intervalStartsUtc, mode, null);
        coverage = Report(s, intervalStartsUtc, index, step, mode, null);
        pointIndex = index;
        return values;
    }

    /// <summary>
    /// The coverage report of intervals whose points were picked by an earlier alignment with the same series and mode
    /// (<paramref name="pointIndex"/>: the indices that alignment returned for these intervals): identical to what
    /// aligning <paramref name="intervalStartsUtc"/> again would report.
    /// </summary>
    public static DataQualityReport Coverage(
        HashpriceSeries s, ReadOnlySpan<DateTime> intervalStartsUtc, ReadOnlySpan<int> pointIndex, double intervalHours, HashpriceAlignment mode)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (pointIndex.Length != intervalStartsUtc.Length)
            throw new ArgumentException($"{pointIndex.Length} point indices for {intervalStartsUtc.Length} intervals.", nameof(pointIndex));
        if (!(intervalHours > 0) || !double.IsFinite(intervalHours))
            throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "The interval length must be a positive number of hours.");
        return Report(s, intervalStartsUtc, pointIndex, TimeSpan.FromHours(intervalHours), mode, null);
    }

    private static double[] Align(
        HashpriceSeries s, ReadOnlySpan<DateTime> hourStartsUtc, TimeSpan step, HashpriceAlignment mode, TimeSpan? stalenessLimit,
        out DataQualityReport coverage)
    {
        var (values, index) = Pick(s, hourStartsUtc, mode, stalenessLimit);
        coverage = Report(s, hourStartsUtc, index, step, mode, stalenessLimit);
        return values;
    }

    /// <summary>Usable time of each point, the bucket and the staleness limit.</summary>
    private static (DateTime[] UsableFrom, TimeSpan Bucket, TimeSpan Limit) Rule(HashpriceSeries s, HashpriceAlignment mode, TimeSpan? stalenessLimit)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (mode is not (HashpriceAlignment.Published or HashpriceAlignment.PeriodStart))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown alignment mode.");
        TimeSpan bucket = s.Bucket;
        TimeSpan limit = stalenessLimit ?? 2 * bucket;
        if (limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(stalenessLimit), limit, "The staleness limit must be positive.");
        int n = s.Points.Count;
        var usableFrom = new DateTime[n];
        TimeSpan lag = mode == HashpriceAlignment.Published ? bucket : TimeSpan.Zero;
        for (int i = 0; i < n; i++) usableFrom[i] = s.Points[i].TimestampUtc + lag;
        return (usableFrom, bucket, limit);
    }

    /// <summary>The value and the point index of each interval (NaN and −1 where not covered).</summary>
    private static (double[] Values, int[] Index) Pick(HashpriceSeries s, ReadOnlySpan<DateTime> hourStartsUtc, HashpriceAlignment mode, TimeSpan? stalenessLimit)
    {
        var (usableFrom, _, limit) = Rule(s, mode, stalenessLimit);
        var result = new double[hourStartsUtc.Length];
        var index = new int[hourStartsUtc.Length];
        for (int k = 0; k < hourStartsUtc.Length; k++)
        {
            DateTime h = hourStartsUtc[k];
            if (h.Kind != DateTimeKind.Utc)
                throw new ArgumentException($"Hour {k} ({h:O}) is not UTC (DateTimeKind.{h.Kind}).", nameof(hourStartsUtc));
            int idx = LastAtOrBefore(usableFrom, h);
            if (idx >= 0 && h < usableFrom[idx] + limit)
            {
                result[k] = s.Points[idx].UsdPerThDay;
                index[k] = idx;
            }
            else
            {
                result[k] = double.NaN;
                index[k] = idx < 0 ? -1 : -2 - idx; // not covered: before the first point (−1) or stale after point idx
            }
        }
        return (result, index);
    }

    /// <summary>The coverage report of intervals given the points they use (see <see cref="Pick"/> for the index code).</summary>
    private static DataQualityReport Report(HashpriceSeries s, ReadOnlySpan<DateTime> hourStartsUtc, ReadOnlySpan<int> index, TimeSpan step,
        HashpriceAlignment mode, TimeSpan? stalenessLimit)
    {
        var (usableFrom, bucket, limit) = Rule(s, mode, stalenessLimit);
        int n = s.Points.Count;
        var used = new HashSet<int>();
        var gaps = new List<DataGap>();
        int beforeFirst = 0, stale = 0, filled = 0;
        int runStart = -1;
        for (int k = 0; k < hourStartsUtc.Length; k++)
        {
            DateTime h = hourStartsUtc[k];
            int idx = index[k];
            if (idx >= 0)
            {
                used.Add(idx);
                if (h >= usableFrom[idx] + bucket) filled++;
                if (runStart >= 0) { gaps.Add(Gap(hourStartsUtc, runStart, k - 1, step)); runStart = -1; }
            }
            else
            {
                if (idx == -1) beforeFirst++;
                else stale++;
                if (runStart < 0) runStart = k;
            }
        }
        if (runStart >= 0) gaps.Add(Gap(hourStartsUtc, runStart, hourStartsUtc.Length - 1, step));

        bool hourly = step == TimeSpan.FromHours(1);
        string unit = hourly ? "hour" : "15-minute interval";
        if (!hourly && step != TimeSpan.FromMinutes(15))
            unit = string.Create(CultureInfo.InvariantCulture, $"{step.TotalMinutes:0.##}-minute interval");
        var notes = new List<string>
        {
            mode == HashpriceAlignment.Published
                ? $"Published (no look-ahead): an {(hourly ? "hour" : "interval")} starting at h uses the latest point stamped T with T + bucket <= h"
                : $"PeriodStart (forward-fill from the stamp, looks ahead one bucket): an {(hourly ? "hour" : "interval")} starting at h uses the latest point stamped T <= h",
            $"bucket {HashpriceSeriesBuilder.FormatSpan(bucket)}, staleness limit {HashpriceSeriesBuilder.FormatSpan(limit)}",
        };
        if (beforeFirst > 0) notes.Add($"{beforeFirst} {unit}(s) before the first usable point");
        if (stale > 0) notes.Add($"{stale} {unit}(s) more than the staleness limit after the last usable point");
        if (filled > 0) notes.Add($"{filled} {unit}(s) forward-filled past their point's own bucket (next point missing)");
        string description = string.Create(CultureInfo.InvariantCulture,
            $"hashprice aligned to {hourStartsUtc.Length} UTC {unit}(s), mode {mode}: {hourStartsUtc.Length - beforeFirst - stale} covered");
        return new DataQualityReport(s.Source + (hourly ? ", aligned to the hours" : ", aligned to the 15-minute intervals"), description, n, used.Count, 0, gaps, 0, filled, notes);
    }


    private static DataGap Gap(ReadOnlySpan<DateTime> hours, int from, int to, TimeSpan step)
        => new(hours[from], hours[to] + step, to - from + 1);

    /// <summary>Index of the last element &lt;= t in a sorted array, or −1.</summary>
    private static int LastAtOrBefore(DateTime[] sorted, DateTime t)
    {
        int lo = 0, hi = sorted.Length - 1, ans = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] <= t) { ans = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return ans;
    }
}
