using MiningDispatch.Reports.Charts;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Tests;

public class ChartRendererTests
{
    [Fact]
    public void RenderAll_writes_six_png_files_of_the_default_size()
    {
        string dir = TestModels.TempDir();
        var progress = new List<string>();
        var paths = ChartRenderer.RenderAll(TestModels.Model(), dir, new SyncProgress(progress));

        Assert.Equal(6, paths.Count);
        Assert.Equal(6, progress.Count);
        foreach (var p in paths)
        {
            Assert.True(File.Exists(p), p);
            Assert.Equal((1200, 600), Png.ReadSize(p));
        }
        Assert.Equal(ChartRenderer.FileNames.OrderBy(x => x), Directory.GetFiles(dir).Select(Path.GetFileName).OrderBy(x => x));
    }

    [Fact]
    public void Single_chart_honours_the_requested_size()
    {
        string path = Path.Combine(TestModels.TempDir(), "p.png");
        Assert.Equal(path, ChartRenderer.PowerPrice(TestModels.Model(), path, 800, 450));
        Assert.Equal((800, 450), Png.ReadSize(path));
    }

    [Fact]
    public void Price_axis_clips_the_spike_and_labels_it()
    {
        var r = TestModels.Result();
        var axis = PriceAxis.Compute(r.AllInPrice, r.Breakeven);
        int spike = Array.IndexOf(r.Price, TestModels.SpikePrice);

        Assert.True(axis.ClippedHigh);
        Assert.False(axis.ClippedLow);
        Assert.True(axis.Max < 1000, $"axis max {axis.Max}");
        Assert.True(axis.Max > r.Breakeven.Max(), "breakeven must stay visible");
        Assert.True(axis.Min < TestModels.NegativePrice + TestModels.Adder, "the negative price must stay visible");
        Assert.Equal(1, axis.CountAbove);
        Assert.Equal([spike], axis.LabelHigh);
        Assert.Equal(TestModels.SpikePrice + TestModels.Adder, axis.DataMax); // all-in: 5,000 + 5 $/MWh
        Assert.Contains("$5,005.00", axis.Note());
    }

    [Fact]
    public void Price_axis_is_not_clipped_without_outliers()
    {
        double[] price = [10, 20, 30, 40, 35, 25];
        double[] be = [50, 50, 50, 50, 50, 50];
        var axis = PriceAxis.Compute(price, be);
        Assert.False(axis.ClippedHigh);
        Assert.False(axis.ClippedLow);
        Assert.Null(axis.Note());
        Assert.True(axis.Max >= 50 && axis.Min <= 0);
    }

    [Fact]
    public void Day_by_hour_grid_puts_each_interval_in_its_market_day_and_hour()
    {
        var r = TestModels.Result();
        var local = SeriesMath.LocalTimes(r, Core.Time.MarketClock.Ercot);
        var grid = SeriesMath.DayByHour(r, local);

        Assert.Equal([new DateOnly(2024, 1, 30), new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 1)], grid.Days);
        // Spike at Jan 31 17:00 CST: curtailed. Jan 30 03:00 (negative price): running. Feb 1 12:00: missing.
        Assert.Equal(0.0, grid.Run[17, 1]);
        Assert.Equal(1.0, grid.Run[3, 0]);
        Assert.True(double.IsNaN(grid.Run[12, 2]));
        Assert.Equal(71, Enumerable.Range(0, 24).Sum(h => Enumerable.Range(0, 3).Count(d => !double.IsNaN(grid.Run[h, d]))));
    }

    [Fact]
    public void Min_max_downsampling_keeps_spikes_and_bounds_the_size()
    {
        var rng = new Random(7);
        var y = Enumerable.Range(0, 100_000).Select(_ => 20 + 10 * rng.NextDouble()).ToArray();
        y[54_321] = 5000;
        y[77_777] = -250;
        var keep = SeriesMath.MinMaxDownsample(y, 30_000);

        Assert.True(keep.Length <= 30_002, $"{keep.Length} points");
        Assert.Contains(54_321, keep);
        Assert.Contains(77_777, keep);
        Assert.Equal(0, keep[0]);
        Assert.Equal(99_999, keep[^1]);
        Assert.True(keep.Zip(keep.Skip(1)).All(p => p.First < p.Second), "indices must be strictly increasing");
        Assert.Equal(10, SeriesMath.MinMaxDownsample(new double[10], 30_000).Length);
    }

    [Fact]
    public void Capacity_is_recovered_from_the_summary()
    {
        Assert.Equal(TestModels.Mw, SeriesMath.CapacityMW(TestModels.Result()));
    }
}

/// <summary>IProgress that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress(List<string> sink, Action<string>? onReport = null) : IProgress<string>
{
    public void Report(string value)
    {
        sink.Add(value);
        onReport?.Invoke(value);
    }
}
