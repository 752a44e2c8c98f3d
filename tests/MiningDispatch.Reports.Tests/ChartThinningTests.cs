using MiningDispatch.Reports.Charts;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Tests;

/// <summary>PNG line charts draw what the pixels can show, and the parallel rendering is deterministic and cancellable.</summary>
public class ChartThinningTests
{
    [Fact]
    public void A_year_of_15_minute_points_is_thinned_to_the_columns_with_every_columns_min_and_max_kept()
    {
        const int n = 366 * 96, columns = 1200;
        var rng = new Random(11);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 45_000 + i / 96.0; // OADate days
            y[i] = 30 + 20 * rng.NextDouble();
        }
        y[12_345] = 4_999; // spikes inside a column
        y[30_000] = -150;
        double x0 = x[0], x1 = x[^1] + 1 / 96.0;

        var keep = SeriesMath.ThinToColumns(x, y, x0, x1, columns);

        Assert.True(keep.Length <= 4 * columns, $"{keep.Length} points kept");
        Assert.True(keep.Length < n / 5, $"{keep.Length} points kept of {n}");
        Assert.Equal(0, keep[0]);
        Assert.Equal(n - 1, keep[^1]);
        Assert.True(keep.Zip(keep.Skip(1)).All(p => p.First < p.Second), "indices must be strictly increasing");
        Assert.Contains(12_345, keep);
        Assert.Contains(30_000, keep);

        // Per pixel column, by a plain loop: the full series' min and max, and the thinned series' min and max.
        var fullMin = Enumerable.Repeat(double.PositiveInfinity, columns).ToArray();
        var fullMax = Enumerable.Repeat(double.NegativeInfinity, columns).ToArray();
        var firstIndex = Enumerable.Repeat(-1, columns).ToArray();
        var lastIndex = new int[columns];
        for (int i = 0; i < n; i++)
        {
            int c = (int)Math.Floor((x[i] - x0) / (x1 - x0) * columns);
            fullMin[c] = Math.Min(fullMin[c], y[i]);
            fullMax[c] = Math.Max(fullMax[c], y[i]);
            if (firstIndex[c] < 0) firstIndex[c] = i;
            lastIndex[c] = i;
        }
        var thinMin = Enumerable.Repeat(double.PositiveInfinity, columns).ToArray();
        var thinMax = Enumerable.Repeat(double.NegativeInfinity, columns).ToArray();
        foreach (int i in keep)
        {
            int c = (int)Math.Floor((x[i] - x0) / (x1 - x0) * columns);
            thinMin[c] = Math.Min(thinMin[c], y[i]);
            thinMax[c] = Math.Max(thinMax[c], y[i]);
        }
        Assert.Equal(fullMin, thinMin);
        Assert.Equal(fullMax, thinMax);
        // Each column's first and last point stay, so the line joins neighbouring columns as before.
        var kept = keep.ToHashSet();
        for (int c = 0; c < columns; c++)
        {
            if (firstIndex[c] < 0) continue;
            Assert.Contains(firstIndex[c], kept);
            Assert.Contains(lastIndex[c], kept);
        }
    }

    [Fact]
    public void A_short_series_is_left_whole()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [5, 1, 4, 2, 3];
        Assert.Equal([0, 1, 2, 3, 4], SeriesMath.ThinToColumns(x, y, 1, 6, 1200));
        Assert.Throws<ArgumentException>(() => SeriesMath.ThinToColumns(x, [1, 2], 1, 6, 1200));
    }

    [Fact]
    public void Charts_rendered_in_parallel_are_the_same_bytes_every_run()
    {
        var model = SectionReportTests.Model();
        string a = TestModels.TempDir(), b = TestModels.TempDir();
        var first = ChartRenderer.RenderAll(model, a);
        var second = ChartRenderer.RenderAll(model, b);

        Assert.True(first.Count >= 12, $"{first.Count} charts");
        Assert.Equal(first.Select(Path.GetFileName), second.Select(Path.GetFileName));
        // Report order, not completion order.
        Assert.Equal(ChartRenderer.FileNames, first.Take(6).Select(Path.GetFileName));
        for (int i = 0; i < first.Count; i++)
            Assert.True(File.ReadAllBytes(first[i]).AsSpan().SequenceEqual(File.ReadAllBytes(second[i])), $"{Path.GetFileName(first[i])} differs between runs");
    }

    [Fact]
    public void Cancelled_rendering_throws_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        string dir = TestModels.TempDir();
        Assert.ThrowsAny<OperationCanceledException>(() => ChartRenderer.RenderAll(TestModels.Model(), dir, ct: cts.Token));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Cancelling_from_progress_stops_the_charts_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();
        var progress = new SyncProgress(seen, _ => cts.Cancel());
        Assert.ThrowsAny<OperationCanceledException>(() => ChartRenderer.RenderAll(TestModels.Model(), TestModels.TempDir(), progress, ct: cts.Token));
        Assert.True(seen.Count < ChartRenderer.FileNames.Count, $"{seen.Count} charts started");
    }
}
