using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>Hashprice on 15-minute intervals: the same published / period-start rules as on hours.</summary>
public class HashpriceIntervalAlignmentTests
{
    private static readonly HashpriceSeries Days = HashpriceSeries.FromPoints(
        [new HashpricePoint(Utc(2023, 7, 5), 0.05), new HashpricePoint(Utc(2023, 7, 6), 0.06), new HashpricePoint(Utc(2023, 7, 7), 0.07)],
        "hand", TimeSpan.FromDays(1));

    [Theory]
    [InlineData(HashpriceAlignment.Published)]
    [InlineData(HashpriceAlignment.PeriodStart)]
    public void EveryQuarterHour_UsesTheLatestUsablePoint(HashpriceAlignment mode)
    {
        // 2023-07-04 22:00Z .. 2023-07-10 02:00Z in 15-minute steps: before the first point, inside, stale after.
        var starts = Enumerable.Range(0, (int)((Utc(2023, 7, 10, 2) - Utc(2023, 7, 4, 22)).TotalMinutes / 15))
            .Select(i => Utc(2023, 7, 4, 22).AddMinutes(15 * i)).ToArray();
        var v = HashpriceAligner.ToIntervals(Days, starts, 0.25, mode, out var cov);

        TimeSpan lag = mode == HashpriceAlignment.Published ? TimeSpan.FromDays(1) : TimeSpan.Zero;
        int nan = 0;
        for (int k = 0; k < starts.Length; k++)
        {
            // hand rule: latest point with T + lag <= t, and t < T + lag + 2 days
            double expected = double.NaN;
            foreach (var p in Days.Points)
                if (p.TimestampUtc + lag <= starts[k]) expected = starts[k] < p.TimestampUtc + lag + TimeSpan.FromDays(2) ? p.UsdPerThDay : double.NaN;
            if (double.IsNaN(expected)) nan++;
            Assert.Equal(expected, v[k]);
        }
        Assert.Equal(nan, cov.MissingIntervals);
        Assert.Equal(2, cov.Gaps.Count); // before the first usable point and after the stale limit
        Assert.Equal(starts[^1].AddMinutes(15), cov.Gaps[^1].ToUtc);
        Assert.Contains("15-minute", cov.Description);
    }

    [Fact]
    public void OneHourIntervals_MatchToHourly()
    {
        var hours = Enumerable.Range(0, 24 * 6).Select(i => Utc(2023, 7, 4).AddHours(i)).ToArray();
        var a = HashpriceAligner.ToIntervals(Days, hours, 1.0, HashpriceAlignment.Published, out var ca);
        var b = HashpriceAligner.ToHourly(Days, hours, HashpriceAlignment.Published, out var cb);
        Assert.Equal(b, a);
        Assert.Equal(cb.Description, ca.Description);
        Assert.Equal(cb.Notes, ca.Notes);
        Assert.Equal(cb.Gaps, ca.Gaps);
    }
}
