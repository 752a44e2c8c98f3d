using System.Globalization;
using System.Text;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

public sealed class HashpriceCacheTests : IDisposable
{
    private const string Key = FakeHashrateIndexServer.Key;
    private static readonly DateTime HourlyStart = Utc(2024, 3, 29);
    private readonly TempDir _cacheDir = new();
    private readonly DelayRecorder _delays = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2024, 4, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _log = [];

    public void Dispose() => _cacheDir.Dispose();

    private HashrateIndexClient Client(FakeHashrateIndexServer server) =>
        new(new HashrateIndexOptions { ApiKey = Key, BaseUrl = server.BaseUrl, CacheDirectory = _cacheDir.Path },
            delay: _delays.Delay, clock: _clock);

    private IProgress<string> Log => new SyncProgress(_log);

    private sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) { lock (sink) sink.Add(value); }
    }

    /// <summary>Hourly price 0.05 + i × 1e-5 for hour i after 2024-03-29 00:00Z, up to (not incl.) the clock's hour.</summary>
    private static double HourlyPrice(int i) => 0.05 + i * 1e-5;

    private FakeReply HourlyBody(FakeRequest r)
    {
        var sb = new StringBuilder("{\"$schema\":\"https://api.hashrateindex.com/v1/hashrateindex/schemas/HashPriceData.json\",\"data\":[");
        int n = (int)(_clock.Now.UtcDateTime - HourlyStart).TotalHours;
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{{\"price\":{HourlyPrice(i).ToString("R", CultureInfo.InvariantCulture)},\"timestamp\":\"{HourlyStart.AddHours(i):yyyy-MM-ddTHH:mm:ssZ}\"}}");
        }
        return new FakeReply(200, sb.Append("]}").ToString());
    }

    private FakeHashrateIndexServer HourlyServer() => new((r, _) => FakeHashrateIndexServer.Documented(r, HourlyBody));

    [Fact]
    public async Task DateRange_PicksTheSmallestCoveringSpan_FiltersToTheRange()
    {
        using var server = HourlyServer();
        using var client = Client(server);
        var s = await client.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26), progress: Log);
        // now 2024-04-28 12:00Z: 1M (>= 28 d) reaches 2024-03-31 12:00, before 2024-04-01 minus two 1H buckets.
        var q = Assert.Single(server.Requests).Query;
        Assert.Equal(("1M", "1H", "USD", "THS"), (q["span"], q["bucket"], q["currency"], q["hashunit"]));
        Assert.Equal(TimeSpan.FromHours(1), s.Bucket);
        // Kept: 2024-03-31 22:00 .. 2024-04-26 23:00 = 2 + 26 × 24 points.
        Assert.Equal(2 + 26 * 24, s.Points.Count);
        Assert.Equal(Utc(2024, 3, 31, 22), s.Points[0].TimestampUtc);
        Assert.Equal(HourlyPrice(2 * 24 + 22), s.Points[0].UsdPerThDay, 15);
        Assert.Equal(Utc(2024, 4, 26, 23), s.Points[^1].TimestampUtc);
        Assert.Equal(HourlyPrice(28 * 24 + 23), s.Points[^1].UsdPerThDay, 15);
        Assert.Equal((int)(_clock.Now.UtcDateTime - HourlyStart).TotalHours, s.Quality.RowsRead);
        Assert.Contains(_log, m => m.Contains("requesting span 1M"));
    }

    [Fact]
    public async Task SecondRun_ForTheSameRange_MakesNoRequest()
    {
        using var server = HourlyServer();
        HashpriceSeries first, second;
        using (var c1 = Client(server)) first = await c1.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26));
        Assert.Equal(1, server.RequestCount);
        using (var c2 = Client(server)) second = await c2.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26), progress: Log);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(first.Points, second.Points);
        Assert.Equal(first.Bucket, second.Bucket);
        Assert.Contains("cached", second.Source);
        Assert.Contains(_log, m => m.Contains("cache hit"));

        // A historical range (ended and published before the fetch) is kept: a month later still no request.
        _clock.Now = _clock.Now.AddDays(30);
        using (var c3 = Client(server)) await c3.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26));
        Assert.Equal(1, server.RequestCount);
        // Another range is another key.
        using (var c4 = Client(server)) await c4.GetHashpriceAsync(new DateOnly(2024, 4, 2), new DateOnly(2024, 4, 26));
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task RangeReachingNow_IsFreshForTwelveHours()
    {
        using var server = HourlyServer();
        var from = new DateOnly(2024, 4, 20);
        var to = new DateOnly(2024, 4, 28); // today
        using (var c = Client(server)) await c.GetHashpriceAsync(from, to);
        _clock.Now = _clock.Now.AddHours(11.9);
        using (var c = Client(server)) await c.GetHashpriceAsync(from, to);
        Assert.Equal(1, server.RequestCount);
        _clock.Now = _clock.Now.AddHours(0.2); // 12.1 h after the fetch
        using (var c = Client(server))
        {
            var s = await c.GetHashpriceAsync(from, to);
            Assert.Equal(2, server.RequestCount);
            Assert.Equal(Utc(2024, 4, 28, 23), s.Points[^1].TimestampUtc); // clock now 2024-04-29 00:06: hours up to 04-28 23:00
        }
    }

    [Fact]
    public async Task ApiKey_IsNeverInTheCacheFile()
    {
        using var server = HourlyServer();
        using (var c = Client(server)) await c.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26));
        var files = Directory.GetFiles(_cacheDir.Path, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("hashprice.sqlite", StringComparison.Ordinal));
        byte[] utf8 = Encoding.UTF8.GetBytes(Key), utf16 = Encoding.Unicode.GetBytes(Key), hex = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");
        foreach (var f in files)
        {
            byte[] bytes = File.ReadAllBytes(f);
            Assert.True(bytes.Length > 0);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(utf8));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(utf16));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(hex));
        }
        Assert.DoesNotContain(_log, m => m.Contains(Key));
    }

    [Fact]
    public async Task CorruptCacheFile_IsMovedAsideAndRebuilt()
    {
        string path = Path.Combine(_cacheDir.Path, HashpriceCache.FileName);
        string garbage = string.Concat(Enumerable.Repeat("this is not an SQLite database. ", 200));
        File.WriteAllText(path, garbage);
        using var server = HourlyServer();
        using (var c = Client(server))
        {
            var s = await c.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26), progress: Log);
            Assert.Equal(2 + 26 * 24, s.Points.Count);
        }
        Assert.Equal(1, server.RequestCount);
        string aside = Assert.Single(Directory.GetFiles(_cacheDir.Path, "hashprice.sqlite.corrupt-*"));
        Assert.EndsWith(".corrupt-20240428T120000Z", aside);
        Assert.Equal(garbage, File.ReadAllText(aside));
        Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 16));
        Assert.Contains(_log, m => m.Contains("moved to") && m.Contains("rebuilt"));
        using (var c = Client(server)) await c.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26));
        Assert.Equal(1, server.RequestCount); // the rebuilt cache works
    }

    [Fact]
    public async Task ForeignSqliteFile_IsMovedAsideToo()
    {
        string path = Path.Combine(_cacheDir.Path, HashpriceCache.FileName);
        using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "CREATE TABLE other(x INTEGER); PRAGMA user_version = 7;";
            cmd.ExecuteNonQuery();
        }
        using var server = HourlyServer();
        using (var c = Client(server)) await c.GetHashpriceAsync(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 26), progress: Log);
        Assert.Single(Directory.GetFiles(_cacheDir.Path, "hashprice.sqlite.corrupt-*"));
        Assert.Contains(_log, m => m.Contains("unexpected schema"));
    }

    [Fact]
    public async Task HistoricalRange_UsesFiveYears_AndTheObservedDailySpacing()
    {
        _clock.Now = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r)); // daily fixture
        using var client = Client(server);
        var s = await client.GetHashpriceAsync(new DateOnly(2023, 7, 6), new DateOnly(2023, 7, 31));
        var q = Assert.Single(server.Requests).Query;
        Assert.Equal(("5Y", "6H"), (q["span"], q["bucket"]));
        // The answer is daily although 6H was asked: the series keeps 1 day (no look-ahead), lead-in 2 days.
        Assert.Equal(TimeSpan.FromDays(1), s.Bucket);
        Assert.Contains(s.Quality.Notes, n => n.Contains("6H was requested"));
        Assert.Equal(Utc(2023, 7, 4), s.Points[0].TimestampUtc);
        Assert.Equal(Utc(2023, 7, 31), s.Points[^1].TimestampUtc);
        Assert.Equal(28, s.Points.Count);
        Assert.Equal(0.077512, s.Points.Single(p => p.TimestampUtc == Utc(2023, 7, 6)).UsdPerThDay, 15);
        // Aligned without look-ahead, the first hour of the range uses the 07-05 value (77.671 USD/PH/day).
        var v = HashpriceAligner.ToHourly(s, [Utc(2023, 7, 6, 0)], HashpriceAlignment.Published, out var cov);
        Assert.Equal(0.077671, v[0], 15);
        Assert.Equal(0, cov.MissingIntervals);
    }

    [Fact]
    public async Task RangeOutsideTheAnswer_IsAClearError()
    {
        _clock.Now = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r)); // data ends 2024-04-27
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)));
        Assert.Contains("no hashprice points returned for 2025-01-01..2025-01-31", ex.Message);
        Assert.Contains("2024-04-27", ex.Message);
        Assert.Empty(Directory.GetFiles(_cacheDir.Path, "*.corrupt-*"));
    }

    [Fact]
    public async Task BadRanges_AreArgumentErrors()
    {
        using var server = HourlyServer();
        using var client = Client(server);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetHashpriceAsync(new DateOnly(2024, 4, 10), new DateOnly(2024, 4, 9)));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetHashpriceAsync(new DateOnly(2024, 4, 29), new DateOnly(2024, 4, 30)));
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public void DefaultDirectory_Precedence()
    {
        var env = new Dictionary<string, string?>
        {
            ["MINING_DISPATCH_CACHE_DIR"] = "/x/explicit",
            ["XDG_CACHE_HOME"] = "/x/xdg",
        };
        Assert.Equal("/x/explicit", HashpriceCache.DefaultDirectory(n => env.GetValueOrDefault(n), "/home/u"));
        env["MINING_DISPATCH_CACHE_DIR"] = "";
        Assert.Equal("/x/xdg/mining-dispatch", HashpriceCache.DefaultDirectory(n => env.GetValueOrDefault(n), "/home/u"));
        env["XDG_CACHE_HOME"] = null;
        Assert.Equal("/home/u/.cache/mining-dispatch", HashpriceCache.DefaultDirectory(n => env.GetValueOrDefault(n), "/home/u"));
    }
}
