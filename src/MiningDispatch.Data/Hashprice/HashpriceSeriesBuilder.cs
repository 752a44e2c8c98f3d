using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Hashprice;

/// <summary>One parsed observation plus where it came from ("file.csv line 12"), for error messages.</summary>
internal readonly record struct HashpriceRow(DateTime TimestampUtc, double UsdPerThDay, string Where);

/// <summary>Shared last step of every loader: sort, de-duplicate, infer the bucket, find gaps, build the report.</summary>
internal static class HashpriceSeriesBuilder
{
    public static HashpriceSeries Build(
        List<HashpriceRow> rows, int rowsRead, string source, string description, TimeSpan? bucket, List<string> notes)
    {
        bool wasSorted = true;
        for (int i = 1; i < rows.Count && wasSorted; i++) wasSorted = rows[i].TimestampUtc >= rows[i - 1].TimestampUtc;
        var sorted = rows.OrderBy(r => r.TimestampUtc).ToList(); // stable: keeps the first of equal times first
        if (!wasSorted) notes.Add("rows were not in time order; sorted");

        var points = new List<HashpricePoint>(sorted.Count);
        int duplicates = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            var r = sorted[i];
            if (points.Count > 0 && points[^1].TimestampUtc == r.TimestampUtc)
            {
                var first = sorted[i - 1];
                if (!SameValue(first.UsdPerThDay, r.UsdPerThDay))
                    throw new FormatException(
                        $"{source}: two different hashprices for {HashpriceSeries.Fmt(r.TimestampUtc)}: " +
                        $"{Num(first.UsdPerThDay)} ({first.Where}) and {Num(r.UsdPerThDay)} ({r.Where}) USD/TH/day.");
                duplicates++;
                continue;
            }
            points.Add(new HashpricePoint(r.TimestampUtc, r.UsdPerThDay));
        }
        if (duplicates > 0) notes.Add($"{duplicates} duplicate timestamp(s) with equal values dropped");

        var times = points.Select(p => p.TimestampUtc).ToList();
        TimeSpan b;
        if (bucket is { } given) b = given;
        else if (HashpriceSeries.InferBucket(times) is { } inferred)
        {
            b = inferred;
            notes.Add($"bucket {FormatSpan(b)} inferred from the median spacing of the points");
        }
        else
        {
            b = TimeSpan.FromDays(1);
            notes.Add("only one point: bucket assumed to be 1 day");
        }

        var gaps = FindGaps(points, b);
        var quality = new DataQualityReport(source, description, rowsRead, points.Count, duplicates, gaps, 0, 0, notes);
        return new HashpriceSeries(points, b, source, quality);
    }

    /// <summary>A spacing of about k buckets (k ≥ 2, rounded) between neighbours means k − 1 missing points.</summary>
    public static List<DataGap> FindGaps(IReadOnlyList<HashpricePoint> points, TimeSpan bucket)
    {
        var gaps = new List<DataGap>();
        for (int i = 1; i < points.Count; i++)
        {
            var d = points[i].TimestampUtc - points[i - 1].TimestampUtc;
            int missing = (int)Math.Round(d / bucket, MidpointRounding.AwayFromZero) - 1;
            if (missing >= 1) gaps.Add(new DataGap(points[i - 1].TimestampUtc + bucket, points[i].TimestampUtc, missing));
        }
        return gaps;
    }

    public static string FormatSpan(TimeSpan t)
    {
        if (t.Ticks % TimeSpan.TicksPerDay == 0) return (t.Ticks / TimeSpan.TicksPerDay).ToString(CultureInfo.InvariantCulture) + " d";
        if (t.Ticks % TimeSpan.TicksPerHour == 0) return (t.Ticks / TimeSpan.TicksPerHour).ToString(CultureInfo.InvariantCulture) + " h";
        if (t.Ticks % TimeSpan.TicksPerMinute == 0) return (t.Ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + " min";
        return t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
    }

    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static bool SameValue(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1.0, Math.Abs(a));
}
