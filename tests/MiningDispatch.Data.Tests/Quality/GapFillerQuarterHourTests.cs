using MiningDispatch.Core.Series;
using MiningDispatch.Data.Quality;

namespace MiningDispatch.Data.Tests.Quality;

/// <summary>Gap filling of a 15-minute series: --max-fill-hours stays in hours (× 4 intervals).</summary>
public sealed class GapFillerQuarterHourTests
{
    private static DateTime Q(int quarter) => new DateTime(2024, 6, 1, 5, 0, 0, DateTimeKind.Utc).AddMinutes(15 * quarter);

    // Quarters 0, 1, [2..5 missing: 4 = 1 h], 6, [7..11 missing: 5 = 1.25 h], 12
    private static readonly DateTime[] Starts = [Q(0), Q(1), Q(6), Q(12)];
    private static readonly double[] Prices = [10, 20, 70, -50];

    [Fact]
    public void Linear_fills_gaps_of_at_most_four_intervals_for_one_hour()
    {
        var r = GapFiller.Fill(Starts, Prices, new GapFillOptions(GapFillRule.Linear, MaxGapHours: 1), 0.25);
        var expectedStarts = new[] { 0, 1, 2, 3, 4, 5, 6, 12 }.Select(Q).ToArray();
        Assert.Equal(expectedStarts, r.HoursUtc);
        // straight line from 20 (quarter 1) to 70 (quarter 6): 20 + 50 k / 5
        Assert.Equal([10, 20, 20 + 50 * 1 / 5.0, 20 + 50 * 2 / 5.0, 20 + 50 * 3 / 5.0, 20 + 50 * 4 / 5.0, 70, -50], r.PriceUsdPerMWh);
        Assert.Equal([false, false, true, true, true, true, false, false], r.IsFilled);
        Assert.Equal(4, r.FilledCount);
        Assert.Equal(new DataGap(Q(2), Q(6), 4), Assert.Single(r.FilledGaps));
        Assert.Equal(new DataGap(Q(7), Q(12), 5), Assert.Single(r.UnfilledGaps));
        Assert.Equal(0.25, r.IntervalHours);

        var q = r.ApplyTo(new DataQualityReport("s", "d", 4, 4, 0, [], 0, 0, []));
        Assert.Contains(q.Notes, n => n.Contains("4 15-minute interval(s) (1 h) in 1 gap(s) filled", StringComparison.Ordinal));
        Assert.Contains(q.Notes, n => n.Contains("(5 interval(s), 1.25 h) left unfilled", StringComparison.Ordinal));
    }

    [Fact]
    public void Previous_with_two_hours_fills_both_gaps()
    {
        var r = GapFiller.Fill(Starts, Prices, new GapFillOptions(GapFillRule.Previous, MaxGapHours: 2), 0.25);
        Assert.Equal(Enumerable.Range(0, 13).Select(Q), r.HoursUtc);
        Assert.Equal([10, 20, 20, 20, 20, 20, 70, 70, 70, 70, 70, 70, -50], r.PriceUsdPerMWh);
        Assert.Equal(9, r.FilledCount);
        Assert.Empty(r.UnfilledGaps);
    }

    [Fact]
    public void Off_grid_start_and_bad_interval_length_are_errors()
    {
        var ex = Assert.Throws<ArgumentException>(() => GapFiller.Fill([Q(0), Q(1).AddMinutes(5)], [1.0, 2.0], new GapFillOptions(GapFillRule.Linear), 0.25));
        Assert.Contains("quarter hour", ex.Message);
        Assert.Throws<ArgumentException>(() => GapFiller.Fill([Q(0)], [1.0], new GapFillOptions(GapFillRule.Linear), 0.5));
        // An hourly series at 1 h gives what the hourly overload gives.
        var hours = new[] { Q(0), Q(8), Q(20) };
        var a = GapFiller.Fill(hours, [1.0, 2.0, 3.0], new GapFillOptions(GapFillRule.Linear, 2), 1.0);
        var b = GapFiller.Fill(hours, [1.0, 2.0, 3.0], new GapFillOptions(GapFillRule.Linear, 2));
        Assert.Equal(b.HoursUtc, a.HoursUtc);
        Assert.Equal(b.PriceUsdPerMWh, a.PriceUsdPerMWh);
    }
}
