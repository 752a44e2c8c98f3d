using System.Globalization;
using System.Text;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Tests.Prices;

namespace MiningDispatch.Data.Tests.Fuzz;

/// <summary>
/// A 200 MB ERCOT real-time file (16 points, 15-minute intervals, about 10 years) written to a temporary file as a
/// stream, then loaded for one point: every hour equals the mean computed while writing, and the loader's
/// allocations stay a small fraction of the file (it streams and rejects other points' rows without allocating).
/// </summary>
public sealed class HugeFileTests : IDisposable
{
    private const long TargetBytes = 200L << 20;
    private static readonly string[] Points =
    [
        "HB_BUSAVG", "HB_HOUSTON", "HB_HUBAVG", "HB_NORTH", "HB_PAN", "HB_SOUTH", "HB_WEST", "LZ_AEN",
        "LZ_CPS", "LZ_HOUSTON", "LZ_LCRA", "LZ_NORTH", "LZ_RAYBN", "LZ_SOUTH", "LZ_WEST", "DC_E",
    ];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Deterministic 2-decimal price of row <paramref name="k"/>, -251 .. 9,000 with spikes.</summary>
    private static double PriceOf(long k) => (k % 997) switch
    {
        0 => -251,
        1 => 9000,
        2 => 5000.01,
        long r => Math.Round((k * 7919 % 20000) / 100.0 - 20 + r % 3, 2),
    };

    [Trait("Category", "Slow")]
    [Fact]
    public void Huge_file_streams_with_allocations_far_below_its_size_and_loses_no_row()
    {
        string path = Path.Combine(_dir.Path, "rtm_huge.csv");
        const string wanted = "HB_WEST";
        int wantedIndex = Array.IndexOf(Points, wanted);
        var expected = new SortedDictionary<DateTime, (double Sum, int N)>();
        var tz = PriceFileGenerator.Central;
        long bytes;
        int wantedRows = 0;
        using (var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            w.NewLine = "\r\n";
            w.WriteLine("Delivery Date,Delivery Hour,Delivery Interval,Repeated Hour Flag,Settlement Point Name,Settlement Point Type,Settlement Point Price");
            var day = new DateOnly(2014, 1, 1);
            long k = 0;
            while (w.BaseStream.Length < TargetBytes)
            {
                var start = PriceFileGenerator.DayStartUtc(day);
                var end = PriceFileGenerator.DayStartUtc(day.AddDays(1));
                string date = day.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
                for (var t = start; t < end; t = t.AddMinutes(15))
                {
                    var local = TimeZoneInfo.ConvertTimeFromUtc(t, tz);
                    bool repeated = tz.IsAmbiguousTime(local) && !tz.IsDaylightSavingTime(t);
                    int he = local.Hour + 1, interval = local.Minute / 15 + 1;
                    for (int p = 0; p < Points.Length; p++)
                    {
                        double price = PriceOf(k++);
                        w.Write(date);
                        w.Write(',');
                        w.Write(he);
                        w.Write(',');
                        w.Write(interval);
                        w.Write(repeated ? ",Y," : ",N,");
                        w.Write(Points[p]);
                        w.Write(Points[p].StartsWith("HB", StringComparison.Ordinal) ? ",HU," : ",LZ,");
                        w.WriteLine(price.ToString("0.00", CultureInfo.InvariantCulture));
                        if (p == wantedIndex)
                        {
                            wantedRows++;
                            var hour = new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
                            expected[hour] = expected.TryGetValue(hour, out var a) ? (a.Sum + price, a.N + 1) : (price, 1);
                        }
                    }
                }
                day = day.AddDays(1);
            }
            w.Flush();
            bytes = w.BaseStream.Length;
        }
        Assert.True(bytes >= TargetBytes);

        // Allocations of this thread only (the loader is synchronous): other tests run in parallel in this process.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = PriceLoader.Load([path], new PriceQuery(wanted));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expected.Count, r.Count);
        Assert.Equal(wantedRows, r.Quality.RowsUsed);
        Assert.Equal(wantedRows * (long)Points.Length, r.Quality.RowsRead);
        int i = 0;
        foreach (var (hour, a) in expected)
        {
            Assert.Equal(hour, r.HoursUtc[i]);
            Assert.Equal(a.Sum / a.N, r.PriceUsdPerMWh[i], 9);
            i++;
        }
        // Measured: about 35 MB. The point's own rows must be held (32 bytes per 15-minute interval, in growing lists); nothing per
        // row of the other 15 points: a per-row string alone would be ~1.4 GB here.
        Assert.True(allocated < bytes / 4, $"allocated {allocated / (1 << 20)} MB while loading a {bytes / (1 << 20)} MB file");
        Assert.True(allocated < 128L * wantedRows + (16L << 20), $"allocated {allocated / (1 << 20)} MB for {wantedRows} rows of the point");
    }
}
