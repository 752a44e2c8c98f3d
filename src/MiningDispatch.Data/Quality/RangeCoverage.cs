using System.Globalization;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Data.Quality;

/// <summary>
/// How well an hourly UTC series covers a requested range of market days (Central Prevailing Time, both inclusive):
/// the hours the range holds (23 on a spring-forward day, 25 on a fall-back day), the hours present, and the hours
/// missing before the series starts, after it ends and inside it.
/// </summary>
public sealed record RangeCoverage(
    DateOnly Start,
    DateOnly End,
    DateTime FromUtc,
    DateTime ToUtc,
    int ExpectedHours,
    int PresentHours,
    int MissingBefore,
    int MissingAfter,
    int MissingInside)
{
    /// <summary>True when every hour of the range has a value.</summary>
    public bool Complete => PresentHours == ExpectedHours;

    /// <summary>True when the series starts after the range starts or ends before it ends.</summary>
    public bool EdgesMissing => MissingBefore > 0 || MissingAfter > 0;

    /// <summary>
    /// Coverage of [<paramref name="start"/>, <paramref name="end"/>] market days by <paramref name="hoursUtc"/>
    /// (strictly increasing UTC hour starts). Throws <see cref="ArgumentException"/> when end is before start.
    /// </summary>
    public static RangeCoverage Of(IReadOnlyList<DateTime> hoursUtc, DateOnly start, DateOnly end, MarketClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(hoursUtc);
        if (end < start)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The range ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})."));
        clock ??= MarketClock.Ercot;
        DateTime from = clock.DayStartUtc(start), to = clock.DayStartUtc(end.AddDays(1));
        int expected = (int)((to - from).Ticks / TimeSpan.TicksPerHour);
        int present = 0;
        DateTime? first = null, last = null;
        foreach (var h in hoursUtc)
        {
            if (h < from || h >= to) continue;
            present++;
            first ??= h;
            last = h;
        }
        int before, after;
        if (first is null)
        {
            // nothing inside: count it all as before or after, by where the series lies
            bool seriesAfter = hoursUtc.Count > 0 && hoursUtc[0] >= to;
            before = seriesAfter || hoursUtc.Count == 0 ? expected : 0;
            after = expected - before;
        }
        else
        {
            before = (int)((first.Value - from).Ticks / TimeSpan.TicksPerHour);
            after = (int)((to - last!.Value).Ticks / TimeSpan.TicksPerHour) - 1;
        }
        return new RangeCoverage(start, end, from, to, expected, present, before, after, expected - present - before - after);
    }
}
