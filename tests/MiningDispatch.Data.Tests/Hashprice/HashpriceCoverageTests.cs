using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>
/// The coverage of a subset of intervals from the point indices of one alignment is the report aligning that subset
/// again gives: the backtest aligns hashprice once and reports coverage over the intervals it keeps.
/// </summary>
public class HashpriceCoverageTests
{
    // Daily points on 07-05, 07-06, (07-07 missing), 07-08; published: 07-06 uses 07-05, 07-07 uses 07-06,
    // 07-08 still uses 07-06 (filled, next point missing), 07-09 uses 07-08, 07-11 is stale (2 days after 07-09).
    private static readonly HashpriceSeries Gappy = HashpriceSeries.FromPoints(
        [new HashpricePoint(Utc(2023, 7, 5), 0.05), new HashpricePoint(Utc(2023, 7, 6), 0.06), new HashpricePoint(Utc(2023, 7, 8), 0.08)],
        "hand", TimeSpan.FromDays(1));

    [Theory]
    [InlineData(HashpriceAlignment.Published, 1.0)]
    [InlineData(HashpriceAlignment.PeriodStart, 1.0)]
    [InlineData(HashpriceAlignment.Published, 0.25)]
    public void Coverage_of_a_subset_equals_aligning_the_subset_again(HashpriceAlignment mode, double dt)
    {
        int perDay = (int)(24 / dt);
        var all = Enumerable.Range(0, 7 * perDay).Select(i => Utc(2023, 7, 5).AddMinutes(i * 60 * dt)).ToArray();
        var values = HashpriceAligner.ToIntervals(Gappy, all, dt, mode, out _, out int[] index);
        Assert.Equal(all.Length, index.Length);

        // Every other interval of the middle days, as a backtest that dropped some intervals would keep them.
        var keep = Enumerable.Range(0, all.Length).Where(i => i >= perDay && i % 2 == 0).ToArray();
        var subset = keep.Select(i => all[i]).ToArray();
        var fromIndex = HashpriceAligner.Coverage(Gappy, subset, keep.Select(i => index[i]).ToArray(), dt, mode);
        var again = HashpriceAligner.ToIntervals(Gappy, subset, dt, mode, out var expected);

        Assert.Equal(expected.Source, fromIndex.Source);
        Assert.Equal(expected.Description, fromIndex.Description);
        Assert.Equal(expected.RowsRead, fromIndex.RowsRead);
        Assert.Equal(expected.RowsUsed, fromIndex.RowsUsed);
        Assert.Equal(expected.FilledIntervals, fromIndex.FilledIntervals);
        Assert.Equal(expected.Gaps, fromIndex.Gaps);
        Assert.Equal(expected.Notes, fromIndex.Notes);
        Assert.Equal(again, keep.Select(i => values[i]).ToArray());
        // The subset has filled and uncovered intervals, so the comparison covers every branch of the report.
        Assert.True(expected.FilledIntervals > 0 || mode == HashpriceAlignment.PeriodStart);
        Assert.NotEmpty(expected.Gaps);
    }

    [Fact]
    public void Indices_and_intervals_must_pair_up()
    {
        var ex = Assert.Throws<ArgumentException>(() => HashpriceAligner.Coverage(Gappy, [Utc(2023, 7, 6)], [0, 1], 1.0, HashpriceAlignment.Published));
        Assert.Contains("2 point indices for 1 intervals", ex.Message);
    }
}
