using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Turns observations into an hourly UTC series: removes exact duplicates (counted), rejects conflicting ones
/// (naming both sources), averages sub-hourly intervals over each UTC hour (recording hours with missing intervals)
/// and lists gaps. Never fills.
/// </summary>
internal static class HourlyAggregator
{
    private const double SameIntervalTolerance = 1e-9;

    /// <summary>An hourly value may be compared with a mean of 2-decimal interval prices that was rounded.</summary>
    private const double CrossResolutionTolerance = 0.005;

    public sealed record Result(
        DateTime[] Hours,
        double[] Prices,
        int Duplicates,
        int RowsUsed,
        int PartialHours,
        IReadOnlyList<DataGap> Gaps,
        IReadOnlyList<string> Notes);

    public static Result Build(List<Observation> observations, Func<int, string> sourceName, string point)
    {
        var obs = Deduplicate(observations, sourceName, point, out int duplicates);
        return BuildSorted(obs, duplicates, sourceName, point);
    }

    /// <summary>
    /// As <see cref="Build"/> for observations already ordered as <see cref="Deduplicate"/> leaves them (by interval
    /// start and length, no two of the same interval), <paramref name="duplicates"/> of them dropped before.
    /// </summary>
    /// <param name="axis">An earlier series' hours: used as they are (not copied) when they are exactly this series' hours.</param>
    public static Result BuildSorted(Span<Observation> obs, int duplicates, Func<int, string> sourceName, string point, DateTime[]? axis = null)
    {
        int kept = obs.Length;
        int count = 0;
        long last = long.MinValue;
        foreach (ref readonly var o in obs)
        {
            long hour = o.Ticks - o.Ticks % TimeSpan.TicksPerHour;
            if (hour != last) count++;
            last = hour;
        }

        // 2. hours: written into arrays of their final size (no list to grow and copy), the axis kept while it matches
        DateTime[]? hours = axis is not null && axis.Length == count ? null : new DateTime[count];
        var prices = new double[count];
        var partialNotes = new List<string>();
        var notes = new List<string>();
        int partialHours = 0;
        int beforeCross = duplicates;
        int i0 = 0;
        for (int h = 0; h < count; h++)
        {
            long hour = obs[i0].Ticks - obs[i0].Ticks % TimeSpan.TicksPerHour;
            int i1 = i0;
            while (i1 < obs.Length && obs[i1].Ticks - obs[i1].Ticks % TimeSpan.TicksPerHour == hour) i1++;
            if (hours is null && axis![h].Ticks != hour)
            {
                hours = new DateTime[count];
                axis.AsSpan(0, h).CopyTo(hours);
            }
            if (hours is not null) hours[h] = new DateTime(hour, DateTimeKind.Utc);
            prices[h] = HourValue(obs[i0..i1], hour, point, sourceName, partialNotes, notes, ref partialHours, ref duplicates);
            i0 = i1;
        }
        hours ??= axis!;

        // 3. gaps
        var gaps = new List<DataGap>();
        for (int h = 1; h < hours.Length; h++)
        {
            long missing = (hours[h] - hours[h - 1]).Ticks / TimeSpan.TicksPerHour - 1;
            if (missing > 0) gaps.Add(new DataGap(hours[h - 1].AddHours(1), hours[h], (int)missing));
        }

        if (partialHours > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{partialHours} hour(s) averaged from fewer intervals than the hour holds: {string.Join(", ", partialNotes)}{(partialHours > partialNotes.Count ? ", ..." : "")}"));
        }
        return new Result(hours, prices, duplicates, kept - (duplicates - beforeCross), partialHours, gaps, notes);
    }

    /// <summary>
    /// Sorts the observations by interval start, length, source and line, drops exact duplicates of an interval
    /// (counted in <paramref name="duplicates"/>) and throws on conflicting ones, naming both sources.
    /// </summary>
    internal static Span<Observation> Deduplicate(List<Observation> observations, Func<int, string> sourceName, string point, out int duplicates)
    {
        var obs = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(observations);
        obs.Sort(static (a, b) =>
        {
            int c = a.Ticks.CompareTo(b.Ticks);
            if (c != 0) return c;
            c = a.Minutes.CompareTo(b.Minutes);
            if (c != 0) return c;
            c = a.Source.CompareTo(b.Source);
            return c != 0 ? c : a.Line.CompareTo(b.Line);
        });

        // duplicates and conflicts on the same interval
        duplicates = 0;
        int kept = 0;
        for (int i = 0; i < obs.Length; i++)
        {
            if (kept > 0 && obs[kept - 1].Ticks == obs[i].Ticks && obs[kept - 1].Minutes == obs[i].Minutes)
            {
                var first = obs[kept - 1];
                if (Math.Abs(first.Price - obs[i].Price) <= SameIntervalTolerance)
                {
                    duplicates++;
                    continue;
                }
                throw Conflict(point, first, obs[i], sourceName, $"{first.Minutes}-minute interval");
            }
            obs[kept++] = obs[i];
        }
        return obs[..kept];
    }

    private static double HourValue(
        Span<Observation> group, long hour, string point, Func<int, string> sourceName,
        List<string> partialNotes, List<string> notes, ref int partialHours, ref int duplicates)
    {
        Observation? hourly = null;
        int subMinutes = 0, subCount = 0;
        double sum = 0;
        Observation firstSub = default;
        foreach (var o in group)
        {
            if (o.Minutes <= 0) throw new InvalidOperationException("Observation without an interval length reached aggregation.");
            if (o.Minutes >= 60)
            {
                if (o.Ticks != hour)
                    throw new DataFormatException(
                        string.Create(CultureInfo.InvariantCulture, $"hourly price for {point} starts at {new DateTime(o.Ticks, DateTimeKind.Utc):yyyy-MM-dd HH:mm}Z, not on a UTC hour"),
                        sourceName(o.Source), o.Line);
                hourly = o;
                continue;
            }
            if (subCount == 0)
            {
                subMinutes = o.Minutes;
                firstSub = o;
            }
            else if (o.Minutes != subMinutes)
            {
                throw Conflict(point, firstSub, o, sourceName, "hour (intervals of different lengths)");
            }
            sum += o.Price;
            subCount++;
        }
        if (subCount == 0) return hourly!.Value.Price;
        double mean = sum / subCount;
        bool complete = subCount == 60 / subMinutes;
        if (hourly is { } h)
        {
            if (complete && Math.Abs(h.Price - mean) > CrossResolutionTolerance)
                throw Conflict(point, firstSub, h, sourceName, "hour (hourly price disagrees with the mean of its intervals)", mean);
            duplicates += subCount;
            if (!complete)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{new DateTime(hour, DateTimeKind.Utc):yyyy-MM-dd HH:mm}Z: hourly price from {sourceName(h.Source)} line {h.Line} used; the {subCount} {subMinutes}-minute interval(s) of that hour were incomplete."));
            }
            return h.Price;
        }
        if (!complete)
        {
            partialHours++;
            if (partialNotes.Count < 10)
                partialNotes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{new DateTime(hour, DateTimeKind.Utc):yyyy-MM-dd HH:mm}Z ({subCount}/{60 / subMinutes})"));
        }
        return mean;
    }

    internal static DataFormatException Conflict(string point, Observation a, Observation b, Func<int, string> sourceName, string what, double? aValue = null)
    {
        string at = new DateTime(Math.Min(a.Ticks, b.Ticks), DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string aDesc = aValue is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"mean {m} of the intervals starting with {sourceName(a.Source)} line {a.Line}")
            : string.Create(CultureInfo.InvariantCulture, $"{a.Price} in {sourceName(a.Source)} line {a.Line}");
        var message = string.Create(CultureInfo.InvariantCulture,
            $"conflicting prices for {point} at {at}Z ({what}): {aDesc} vs {b.Price} in {sourceName(b.Source)} line {b.Line}");
        return new DataFormatException(message, sourceName(b.Source), b.Line, null, b.Price.ToString(CultureInfo.InvariantCulture));
    }
}
