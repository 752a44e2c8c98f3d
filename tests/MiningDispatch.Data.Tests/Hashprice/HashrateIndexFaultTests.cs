using System.Text;
using Microsoft.Data.Sqlite;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>
/// Faults the other client and cache tests do not cover: wrong units, 429 without Retry-After, 5xx without a body,
/// a failure in the middle of a cache write, a truncated cache file, an empty data array through the date-range path.
/// </summary>
public sealed class HashrateIndexFaultTests : IDisposable
{
    private const string Key = FakeHashrateIndexServer.Key;
    private const string ThsFixture = "GET_hashprice__span-5Y_bucket-1D_currency-USD_hashunit-THS.json";
    private const string PhsFixture = "GET_hashprice__span-5Y_bucket-1D_currency-USD_hashunit-PHS.json";
    private readonly TempDir _cacheDir = new();
    private readonly DelayRecorder _delays = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2024, 4, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _log = [];

    public void Dispose() => _cacheDir.Dispose();

    private HashrateIndexClient Client(FakeHashrateIndexServer server, int maxAttempts = 5) =>
        new(new HashrateIndexOptions
        {
            ApiKey = Key,
            BaseUrl = server.BaseUrl,
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(10),
            CacheDirectory = _cacheDir.Path,
        }, delay: _delays.Delay, clock: _clock);

    private IProgress<string> Log => new SyncProgress(_log);

    private sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) { lock (sink) sink.Add(value); }
    }

    private string CacheFile => Path.Combine(_cacheDir.Path, HashpriceCache.FileName);

    [Fact]
    public async Task WrongUnits_PhValuesInAThsAnswer_AreRejected_AndNothingIsCached()
    {
        // The server answers hashunit=THS with the USD/PH/day numbers (79.658 instead of 0.079658).
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r, _ => FakeReply.Fixture(200, PhsFixture)));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31)));
        Assert.Contains("implausible values for currency=USD hashunit=THS", ex.Message);
        Assert.Contains("look like USD/PH/day", ex.Message);
        Assert.Contains("Nothing was cached", ex.Message);
        Assert.Equal(1, server.RequestCount); // not retried: the answer is wrong, not the transport

        // The same range with a correct server: fetched again (the bad answer was not cached) and right.
        using var good = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client2 = Client(good);
        var s = await client2.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31));
        Assert.Equal(1, good.RequestCount);
        Assert.Equal(0.077512, s.Points.Single(p => p.TimestampUtc == Utc(2023, 7, 6)).UsdPerThDay, 15);
    }

    [Fact]
    public async Task WrongUnits_BtcSizedValues_AreRejected()
    {
        string body = "{\"data\":[" + string.Join(",", Enumerable.Range(0, 10).Select(i =>
            $"{{\"price\":0.0000011,\"timestamp\":\"{Utc(2023, 7, 1).AddDays(i):yyyy-MM-ddTHH:mm:ssZ}\"}}")) + "]}";
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r, _ => new FakeReply(200, body)));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains("look like BTC", ex.Message);
    }

    [Fact]
    public async Task WrongUnits_OnePointSwitchedToPh_IsRejected_NamingThePoint()
    {
        string full = File.ReadAllText(PathOf(ThsFixture));
        string body = full.Replace("\"price\": 0.077512", "\"price\": 77.512", StringComparison.Ordinal);
        Assert.NotEqual(full, body);
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r, _ => new FakeReply(200, body)));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains("2023-07-06", ex.Message);
        Assert.Contains("change of unit", ex.Message);
    }

    [Fact]
    public async Task RateLimited_WithoutRetryAfter_UsesExponentialBackoff_ThenSucceeds()
    {
        using var server = new FakeHashrateIndexServer((r, n) => n <= 2
            ? FakeReply.Fixture(429, "ERR_429_rate_limited.json")
            : FakeHashrateIndexServer.Documented(r));
        using var client = Client(server);
        var s = await client.GetHashpriceAsync("5Y", "1D");
        Assert.Equal(364, s.Points.Count);
        Assert.Equal(3, server.RequestCount);
        var w = _delays.Waits;
        Assert.Equal(2, w.Count);
        Assert.InRange(w[0].TotalSeconds, 0.5, 1.0); // 1 s × 2^0 with 50–100 % jitter
        Assert.InRange(w[1].TotalSeconds, 1.0, 2.0); // 1 s × 2^1
    }

    [Fact]
    public async Task BadGateway_WithEmptyBody_Exhausted_IsAClearError()
    {
        using var server = new FakeHashrateIndexServer((r, _) => new FakeReply(502, ""));
        using var client = Client(server, maxAttempts: 2);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31)));
        Assert.Equal(502, ex.StatusCode);
        Assert.Contains("server error (HTTP 502)", ex.Message);
        Assert.Contains("after 2 attempt(s)", ex.Message);
        Assert.False(File.Exists(CacheFile) && CachedResponses() > 0);
    }

    [Fact]
    public async Task EmptyData_ForADateRange_IsAClearError_AndNotCached()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r, _ => FakeReply.Fixture(200, "GET_hashprice__empty_data.json")));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31)));
        Assert.Contains("no hashprice points returned", ex.Message);
        Assert.Contains("2023-07-01..2023-07-31", ex.Message);
        Assert.Equal(0, CachedResponses());
    }

    [Fact]
    public async Task FailureInTheMiddleOfACacheWrite_LeavesTheCacheAsItWas()
    {
        // 1. A good entry in the cache.
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using (var c = Client(server)) await c.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31));
        Assert.Equal(1, CachedResponses());
        long pointsBefore = Scalar("SELECT count(*) FROM point");

        // 2. A write that fails after the response row and 3 points are in: the 4th point repeats a timestamp
        //    (primary key violation inside the transaction).
        var cache = new HashpriceCache(_cacheDir.Path, _clock);
        var t0 = Utc(2024, 1, 1);
        HashpricePoint[] points = [new(t0, 0.05), new(t0.AddDays(1), 0.051), new(t0.AddDays(2), 0.052), new(t0.AddDays(2), 0.053), new(t0.AddDays(3), 0.054)];
        var key = new HashpriceCacheKey("/hashprice", "USD", "THS", "5Y", "1D", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 3));
        cache.Store(new HashpriceCacheEntry(key, _clock.GetUtcNow(), TimeSpan.FromDays(1), 5, points), m => _log.Add(m));

        // 3. Nothing of the failed write is there; the earlier entry is intact; the file was not thrown away.
        Assert.Contains(_log, m => m.Contains("not updated") && m.Contains("used without caching"));
        Assert.Equal(1, CachedResponses());
        Assert.Equal(pointsBefore, Scalar("SELECT count(*) FROM point"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM response WHERE range_from = '2024-01-01'"));
        Assert.Equal("ok", ScalarText("PRAGMA integrity_check"));
        Assert.Empty(Directory.GetFiles(_cacheDir.Path, "*.corrupt-*"));
        using (var c = Client(server))
        {
            var s = await c.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31));
            Assert.Equal(0.077512, s.Points.Single(p => p.TimestampUtc == Utc(2023, 7, 6)).UsdPerThDay, 15);
        }
        Assert.Equal(1, server.RequestCount); // served from the intact entry
    }

    [Fact]
    public async Task TruncatedCacheFile_IsDetected_MovedAside_AndRebuilt()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using (var c = Client(server)) await c.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31));
        SqliteConnection.ClearAllPools();
        byte[] bytes = File.ReadAllBytes(CacheFile);
        Assert.True(bytes.Length >= 8192, $"cache file only {bytes.Length} bytes");
        File.WriteAllBytes(CacheFile, bytes[..(bytes.Length / 2 + 100)]); // cut inside a page

        using (var c = Client(server))
        {
            var s = await c.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31), progress: Log);
            Assert.Equal(0.077512, s.Points.Single(p => p.TimestampUtc == Utc(2023, 7, 6)).UsdPerThDay, 15);
        }
        Assert.Equal(2, server.RequestCount); // fetched again: the damaged entry was not trusted
        Assert.Single(Directory.GetFiles(_cacheDir.Path, "hashprice.sqlite.corrupt-*"));
        Assert.Contains(_log, m => m.Contains("unusable") && m.Contains("rebuilt"));
        Assert.Equal("ok", ScalarText("PRAGMA integrity_check"));
        Assert.Equal(1, CachedResponses());
    }

    [Fact]
    public async Task KeyNeverInLogsOrCache_EvenWhenTheServerEchoesItEverywhere()
    {
        // 503 with the key in the body, then a 200 whose body also carries it in an unknown field.
        string good = File.ReadAllText(PathOf(ThsFixture)).Replace("\"data\"", $"\"echo\": \"{Key}\", \"data\"", StringComparison.Ordinal);
        using var server = new FakeHashrateIndexServer((r, n) => n == 1
            ? new FakeReply(503, $"{{\"detail\":\"overloaded for {r.ApiKey}\"}}")
            : FakeHashrateIndexServer.Documented(r, _ => new FakeReply(200, good)));
        using (var c = Client(server)) await c.GetHashpriceAsync(new DateOnly(2023, 7, 1), new DateOnly(2023, 7, 31), progress: Log);
        Assert.Contains(_log, m => m.Contains("overloaded for ***"));
        Assert.DoesNotContain(_log, m => m.Contains(Key));
        SqliteConnection.ClearAllPools();
        foreach (var f in Directory.GetFiles(_cacheDir.Path, "*", SearchOption.AllDirectories))
        {
            byte[] b = File.ReadAllBytes(f);
            Assert.Equal(-1, b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Key)));
            Assert.Equal(-1, b.AsSpan().IndexOf(Encoding.Unicode.GetBytes(Key)));
        }
    }

    private long CachedResponses() => File.Exists(CacheFile) ? Scalar("SELECT count(*) FROM response") : 0;

    private long Scalar(string sql) => Convert.ToInt64(ScalarObject(sql), System.Globalization.CultureInfo.InvariantCulture);

    private string ScalarText(string sql) => Convert.ToString(ScalarObject(sql), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private object? ScalarObject(string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = CacheFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = sql;
        return q.ExecuteScalar();
    }
}
