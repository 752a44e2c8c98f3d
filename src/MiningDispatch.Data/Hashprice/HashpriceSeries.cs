using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// A hashprice time series in USD/TH/day: points strictly increasing in time, all UTC, all finite and non-negative.
/// <see cref="Bucket"/> is the length of the period each point describes (1 day for daily data, 6 h for 6-hourly...):
/// a point stamped T describes [T, T + Bucket) and is taken to be published at T + Bucket
/// (see <see cref="HashpriceAligner"/>). <see cref="Quality"/> says what the loader found (rows, duplicates, gaps).
/// </summary>
public sealed class HashpriceSeries
{
    /// <summary>Wraps already-clean points. Throws <see cref="ArgumentException"/> naming the first bad point.</summary>
    public HashpriceSeries(IReadOnlyList<HashpricePoint> points, TimeSpan bucket, string source, DataQualityReport quality)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(quality);
        if (bucket <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "The bucket length must be positive.");
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i] ?? throw new ArgumentException($"Hashprice point {i} is null.", nameof(points));
            if (p.TimestampUtc.Kind != DateTimeKind.Utc)
                throw new ArgumentException($"Hashprice point {i} ({Fmt(p.TimestampUtc)}) is not UTC.", nameof(points));
            if (!double.IsFinite(p.UsdPerThDay) || p.UsdPerThDay < 0)
                throw new ArgumentException(
                    $"Hashprice point {i} at {Fmt(p.TimestampUtc)} has value {p.UsdPerThDay.ToString(CultureInfo.InvariantCulture)}; expected a finite number >= 0.",
                    nameof(points));
            if (i > 0 && p.TimestampUtc <= points[i - 1].TimestampUtc)
                throw new ArgumentException(
                    $"Hashprice points must be strictly increasing: {Fmt(points[i - 1].TimestampUtc)} then {Fmt(p.TimestampUtc)}.",
                    nameof(points));
        }
        Points = points.ToArray();
        Bucket = bucket;
        Source = source;
        Quality = quality;
    }

    /// <summary>Points in increasing time order, values in USD/TH/day.</summary>
    public IReadOnlyList<HashpricePoint> Points { get; }

    /// <summary>Length of the period one point describes (1 day, 6 h, 1 h, 4 days...).</summary>
    public TimeSpan Bucket { get; }

    /// <summary>Where the data came from (file and column, or API request), for reports.</summary>
    public string Source { get; }

    /// <summary>Rows read and used, duplicates, gaps between points, notes.</summary>
    public DataQualityReport Quality { get; }

    /// <summary>How the values were computed, when they were derived rather than read (chain data); null for a file or the API.</summary>
    public string? Method { get; init; }

    /// <summary>What the values leave out, to be told to the user (e.g. subsidy only, no fees); null when nothing.</summary>
    public string? Caveat { get; init; }

    /// <summary>
    /// Builds a series from points in any order: sorts them, drops exact duplicates (counted), rejects two different
    /// values for the same time, infers the bucket from the median spacing when <paramref name="bucket"/> is null,
    /// and reports gaps (spacing of about two buckets or more).
    /// </summary>
    public static HashpriceSeries FromPoints(IEnumerable<HashpricePoint> points, string source, TimeSpan? bucket = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var rows = points.Select((p, i) => new HashpriceRow(p.TimestampUtc, p.UsdPerThDay, $"point {i}")).ToList();
        return HashpriceSeriesBuilder.Build(rows, rows.Count, source, "hashprice points", bucket, []);
    }

    /// <summary>
    /// Median spacing between consecutive distinct times (sorted). Null when fewer than two distinct times.
    /// </summary>
    public static TimeSpan? InferBucket(IReadOnlyList<DateTime> sortedTimesUtc)
    {
        ArgumentNullException.ThrowIfNull(sortedTimesUtc);
        var steps = new List<long>(Math.Max(0, sortedTimesUtc.Count - 1));
        for (int i = 1; i < sortedTimesUtc.Count; i++)
        {
            long d = (sortedTimesUtc[i] - sortedTimesUtc[i - 1]).Ticks;
            if (d > 0) steps.Add(d);
        }
        if (steps.Count == 0) return null;
        steps.Sort();
        int m = steps.Count / 2;
        long median = steps.Count % 2 == 1 ? steps[m] : (steps[m - 1] + steps[m]) / 2;
        return TimeSpan.FromTicks(median);
    }

    internal static string Fmt(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
