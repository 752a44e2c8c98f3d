using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Turns 15-minute observations into a 15-minute UTC series: exact duplicates are removed (counted) and conflicting
/// ones rejected as in <see cref="HourlyAggregator"/>; every interval is kept as it is (nothing is averaged, so an
/// hour with fewer than four intervals simply has gaps); gaps are listed in missing 15-minute intervals. Never fills.
/// </summary>
internal static class QuarterHourAggregator
{
    /// <summary>The interval length, minutes.</summary>
    public const int Minutes = 15;

    private static readonly long Step = TimeSpan.FromMinutes(Minutes).Ticks;

    public static HourlyAggregator.Result Build(List<Observation> observations, Func<int, string> sourceName, string point)
    {
        var obs = HourlyAggregator.Deduplicate(observations, sourceName, point, out int duplicates);
        return BuildSorted(obs, duplicates, sourceName, point);
    }

    /// <summary>As <see cref="Build"/> for observations already de-duplicated and ordered (<see cref="HourlyAggregator.BuildSorted"/>).</summary>
    /// <param name="axis">An earlier series' interval starts: used as they are (not copied) when they are exactly
    /// these observations' starts, so points with the same intervals share one array without a copy each.</param>
    public static HourlyAggregator.Result BuildSorted(Span<Observation> obs, int duplicates, Func<int, string> sourceName, string point, DateTime[]? axis = null)
    {
        bool same = axis is not null && axis.Length == obs.Length;
        for (int i = 0; same && i < obs.Length; i++) same = axis![i].Ticks == obs[i].Ticks;
        var starts = same ? axis! : new DateTime[obs.Length];
        var prices = new double[obs.Length];
        for (int i = 0; i < obs.Length; i++)
        {
            var o = obs[i];
            if (o.Minutes != Minutes)
                throw new InvalidOperationException("A non-15-minute observation reached the 15-minute aggregation.");
            if (o.Ticks % Step != 0)
                throw new DataFormatException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"15-minute price for {point} starts at {new DateTime(o.Ticks, DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss}Z, not on a quarter hour"),
                    sourceName(o.Source), o.Line);
            if (!same) starts[i] = new DateTime(o.Ticks, DateTimeKind.Utc);
            prices[i] = o.Price;
        }

        var gaps = new List<DataGap>();
        for (int i = 1; i < starts.Length; i++)
        {
            long missing = (starts[i] - starts[i - 1]).Ticks / Step - 1;
            if (missing > 0) gaps.Add(new DataGap(starts[i - 1].AddTicks(Step), starts[i], (int)Math.Min(int.MaxValue, missing)));
        }
        var notes = new List<string>();
        if (gaps.Count > 0)
        {
            long missing = gaps.Sum(g => (long)g.MissingIntervals);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{missing} 15-minute interval(s) ({missing / 4.0:0.##} h) missing in {gaps.Count} gap(s), first {gaps[0].FromUtc:yyyy-MM-dd HH:mm}Z..{gaps[0].ToUtc:yyyy-MM-dd HH:mm}Z; left as gaps (partial hours are not averaged at 15-minute resolution)."));
        }
        return new HourlyAggregator.Result(starts, prices, duplicates, obs.Length, 0, gaps, notes);
    }
}
