using Microsoft.Data.Sqlite;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>
/// The hashprice cache under faults and sharing (issue 12): implausible cached values are refetched with a warning,
/// concurrent users of one empty folder never mark each other's file corrupt, a busy file is left alone, an uncreatable
/// folder is a clear IO error, and failed writes are warnings.
/// </summary>
public sealed class HashpriceCacheSharingTests : IDisposable
{
    private readonly TempDir _cacheDir = new();
    private readonly DelayRecorder _delays = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2024, 4, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _warnings = [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cacheDir.Dispose();
    }

    private string CacheFile => Path.Combine(_cacheDir.Path, HashpriceCache.FileName);

    private HashrateIndexClient Client(FakeHashrateIndexServer server, string? cacheDir = null) =>
        new(new HashrateIndexOptions { ApiKey = FakeHashrateIndexServer.Key, BaseUrl = server.BaseUrl, CacheDirectory = cacheDir ?? _cacheDir.Path },
            delay: _delays.Delay, clock: _clock)
        { OnWarning = w => { lock (_warnings) _warnings.Add(w); } };

    private void Exec(string sql)
    {
        using var c = new SqliteConnection($"Data Source={CacheFile};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private string Text(string sql)
    {
        using var c = new SqliteConnection($"Data Source={CacheFile};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    [Theory]
    [InlineData("UPDATE point SET usd_per_th_day = usd_per_th_day * 1000", "look like USD/PH/day")]
    [InlineData("UPDATE point SET usd_per_th_day = -0.05 WHERE t_unix_s = (SELECT min(t_unix_s) FROM point)", "not a finite non-negative number")]
    [InlineData("UPDATE point SET usd_per_th_day = 50 WHERE t_unix_s = (SELECT max(t_unix_s) FROM point)", "change of unit")]
    public async Task ImplausibleCachedValues_AreDiscarded_Refetched_AndWarnedAbout(string tamper, string reason)
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        var from = new DateOnly(2023, 7, 1);
        var to = new DateOnly(2023, 7, 31);
        using (var c = Client(server)) await c.GetHashpriceAsync(from, to);
        Assert.Equal(1, server.RequestCount);
        Assert.Empty(_warnings);

        Exec(tamper); // someone edits the cache file (the issue's ×1000 gave a $2.7 billion profit)
        using (var c = Client(server))
        {
            var s = await c.GetHashpriceAsync(from, to);
            // The fixture's value for 2023-07-06 (0.077512 USD/TH/day), not the tampered one.
            Assert.Equal(0.077512, s.Points.Single(p => p.TimestampUtc == Utc(2023, 7, 6)).UsdPerThDay, 15);
        }
        Assert.Equal(2, server.RequestCount); // fetched again
        string w = Assert.Single(_warnings);
        Assert.Contains(CacheFile, w);
        Assert.Contains("implausible values", w);
        Assert.Contains(reason, w);
        Assert.Contains("fetched again", w);

        // The refetched answer replaced the bad entry: a third run is a clean cache hit.
        using (var c = Client(server)) await c.GetHashpriceAsync(from, to);
        Assert.Equal(2, server.RequestCount);
        Assert.Single(_warnings);
        Assert.Equal("1", Text("SELECT count(*) FROM response"));
    }

    [Fact]
    public void ManyUsersOfOneEmptyFolder_ShareIt_WithoutMarkingItCorrupt()
    {
        // Eight independent cache instances (own connections, no pooling) start at once on an empty folder, each
        // checks/creates the file and stores its own range, then reads every range back.
        const int n = 8;
        using var start = new Barrier(n);
        var t0 = Utc(2024, 1, 1);
        HashpricePoint[] Points(int k) => [.. Enumerable.Range(0, 30).Select(d => new HashpricePoint(t0.AddDays(d), 0.05 + k * 0.001 + d * 1e-5))];
        HashpriceCacheKey Key(int k) => new("/hashprice", "USD", "THS", "5Y", "1D", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1).AddDays(k));
        var logs = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, n).Select(k => new Thread(() =>
        {
            var cache = new HashpriceCache(_cacheDir.Path, _clock);
            start.SignalAndWait();
            cache.Store(new HashpriceCacheEntry(Key(k), _clock.GetUtcNow(), TimeSpan.FromDays(1), 30, Points(k)), logs.Add, logs.Add);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(logs);
        Assert.Empty(Directory.GetFiles(_cacheDir.Path, "*.corrupt-*"));
        var reader = new HashpriceCache(_cacheDir.Path, _clock);
        for (int k = 0; k < n; k++)
        {
            var hit = reader.TryGet("/hashprice", "USD", "THS", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1).AddDays(k), TimeSpan.FromHours(12), logs.Add, logs.Add);
            Assert.NotNull(hit);
            Assert.Equal(30, hit.Points.Count);
            Assert.Equal(0.05 + k * 0.001 + 7 * 1e-5, hit.Points[7].UsdPerThDay, 15);
        }
        Assert.Empty(logs);
        Assert.Equal("ok", Text("PRAGMA integrity_check"));
        Assert.Equal("wal", Text("PRAGMA journal_mode"));
        Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), Text("SELECT count(*) FROM response"));
    }

    [Fact]
    public void BusyFile_IsNeverMovedAside_TheRunWarnsAndFetches()
    {
        // Another process holds an exclusive lock on a (rollback-journal) file for longer than the busy timeout.
        using var holder = Caching.SqliteLock.HoldExclusive(CacheFile);
        var cache = new HashpriceCache(_cacheDir.Path, _clock) { BusyTimeout = TimeSpan.FromMilliseconds(200), RetryPause = TimeSpan.FromMilliseconds(10) };
        var warnings = new List<string>();
        var hit = cache.TryGet("/hashprice", "USD", "THS", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2), TimeSpan.FromHours(12), null, warnings.Add);
        Assert.Null(hit);
        string w = Assert.Single(warnings);
        Assert.Contains("cannot be used (SQLite error 5", w); // SQLITE_BUSY
        Assert.Contains("fetching without the cache", w);
        Assert.Empty(Directory.GetFiles(_cacheDir.Path, "*.corrupt-*"));
        cache.Store(new HashpriceCacheEntry(new("/hashprice", "USD", "THS", "5Y", "1D", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2)),
            _clock.GetUtcNow(), TimeSpan.FromDays(1), 1, [new HashpricePoint(Utc(2024, 1, 1), 0.05)]), null, warnings.Add);
        Assert.Contains("not updated", warnings[1]);
    }

    [Fact]
    public async Task CacheFolderThatIsAFile_IsAClearIoError()
    {
        string file = Path.Combine(_cacheDir.Path, "not-a-folder");
        File.WriteAllText(file, "x");
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server, cacheDir: file);
        var ex = await Assert.ThrowsAsync<IOException>(() => client.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31)));
        Assert.Contains($"The hashprice cache folder {file} cannot be created", ex.Message);
        Assert.Contains("--cache-dir", ex.Message);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task CacheFolderOnAReadOnlyFileSystem_IsAClearIoError()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/fs")) return; // /sys refuses mkdir even for root
        string dir = "/sys/md-cache-" + Guid.NewGuid().ToString("N");
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server, cacheDir: dir);
        var ex = await Assert.ThrowsAsync<IOException>(() => client.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31)));
        Assert.Contains(dir, ex.Message);
        Assert.Contains("cannot be created", ex.Message);
    }

    [Fact]
    public async Task CorruptFile_RebuildIsAWarning()
    {
        File.WriteAllText(CacheFile, string.Concat(Enumerable.Repeat("not a database ", 500)));
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using (var c = Client(server)) await c.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31));
        string w = Assert.Single(_warnings);
        Assert.Contains("moved to", w);
        Assert.Contains("rebuilt", w);
        Assert.Single(Directory.GetFiles(_cacheDir.Path, "hashprice.sqlite.corrupt-*"));
    }
}
