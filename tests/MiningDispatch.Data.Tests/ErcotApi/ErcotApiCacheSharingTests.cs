using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Tests.Hashprice;

namespace MiningDispatch.Data.Tests.ErcotApi;

/// <summary>
/// The ERCOT API cache keeps the hashprice cache's guarantees (issue 14): many independent users of one empty folder
/// write and read concurrently without losing an entry or marking the file corrupt; a busy file is left alone; a
/// file that looks damaged only for a moment is not moved aside; a damaged one is rebuilt, in WAL mode.
/// </summary>
public sealed class ErcotApiCacheSharingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 8, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ErcotReportSpec Rt = ErcotReportSpec.Of(ErcotReport.RealTimePrices);
    private static readonly DateOnly Jul1 = new(2025, 7, 1);
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(Now);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private string CacheFile => Path.Combine(_dir.Path, ErcotApiCache.FileName);

    /// <summary>Point <paramref name="k"/>'s 96 intervals of 2025-07-01, price 20 + k + interval/100.</summary>
    private static List<string[]> Rows(int k) =>
        [.. Enumerable.Range(0, 96).Select(i => new[]
        {
            "2025-07-01", (i / 4 + 1).ToString(CultureInfo.InvariantCulture), (i % 4 + 1).ToString(CultureInfo.InvariantCulture), $"P{k}", "HU",
            (20 + k + i / 100.0).ToString("R", CultureInfo.InvariantCulture), "false",
        })];

    private string Text(string sql)
    {
        using var c = new SqliteConnection($"Data Source={CacheFile};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    [Fact]
    public void Many_users_of_one_empty_folder_write_and_read_at_once_and_nothing_is_lost()
    {
        // Eight independent caches (own connections, no pooling) start together on an empty folder: each creates or
        // checks the file, stores its own point, and reads every other point while the others are still writing.
        const int n = 8;
        using var start = new Barrier(n);
        var warnings = new ConcurrentBag<string>();
        var errors = new ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, n).Select(k => new Thread(() =>
        {
            try
            {
                var cache = new ErcotApiCache(_dir.Path, _clock);
                start.SignalAndWait();
                cache.Store(Rt, $"P{k}", Jul1, Jul1, Rows(k), Now, warnings.Add);
                for (int j = 0; j < n; j++) _ = cache.TryGet(Rt, $"P{j}", Jul1, Jul1, TimeSpan.FromHours(1), warnings.Add);
            }
            catch (Exception e) { errors.Add(e); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(errors);
        Assert.Empty(warnings);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
        var reader = new ErcotApiCache(_dir.Path, _clock);
        for (int k = 0; k < n; k++)
        {
            var hit = reader.TryGet(Rt, $"P{k}", Jul1, Jul1, TimeSpan.FromHours(1), warnings.Add);
            Assert.NotNull(hit);
            Assert.Equal(96, hit.Value.Rows.Count);
            Assert.Equal($"P{k}", hit.Value.Rows[37][3]);
            Assert.Equal(20 + k + 0.37, double.Parse(hit.Value.Rows[37][5], CultureInfo.InvariantCulture), 12);
        }
        Assert.Empty(warnings);
        Assert.Equal("ok", Text("PRAGMA integrity_check"));
        Assert.Equal("wal", Text("PRAGMA journal_mode"));
        Assert.Equal("8", Text("SELECT count(*) FROM download"));
    }

    [Fact]
    public void A_busy_file_is_never_moved_aside_the_run_warns_and_fetches()
    {
        // Another process holds an exclusive lock on a (rollback-journal) file for longer than the busy timeout.
        using var holder = Caching.SqliteLock.HoldExclusive(CacheFile);
        var cache = new ErcotApiCache(_dir.Path, _clock) { BusyTimeout = TimeSpan.FromMilliseconds(200), RetryPause = TimeSpan.FromMilliseconds(10) };
        var warnings = new List<string>();
        Assert.Null(cache.TryGet(Rt, "HB_WEST", Jul1, Jul1, TimeSpan.FromHours(1), warnings.Add));
        string w = Assert.Single(warnings);
        Assert.Contains($"ERCOT API cache {CacheFile} cannot be used (SQLite error 5", w, StringComparison.Ordinal); // SQLITE_BUSY
        Assert.Contains("fetching without the cache", w, StringComparison.Ordinal);
        cache.Store(Rt, "HB_WEST", Jul1, Jul1, Rows(0), Now, warnings.Add);
        Assert.Contains("not updated", warnings[1], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
    }

    [Fact]
    public async Task A_file_that_looks_damaged_for_a_moment_is_retried_not_moved_aside()
    {
        // A valid cache holding one entry, built beside the cache folder.
        string other = Path.Combine(_dir.Path, "other");
        var writer = new ErcotApiCache(other, _clock);
        writer.Store(Rt, "HB_WEST", Jul1, Jul1, Rows(3), Now, w => Assert.Fail(w));
        using (var c = new SqliteConnection($"Data Source={Path.Combine(other, ErcotApiCache.FileName)};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)"; // everything in the main file, so it can be moved alone
            cmd.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        // The cache file is garbage (another process mid-way replacing it) and becomes the valid file 150 ms later:
        // the first check fails, the retry after RetryPause finds a healthy file.
        File.WriteAllText(CacheFile, string.Concat(Enumerable.Repeat("not a database ", 500)));
        var cache = new ErcotApiCache(_dir.Path, _clock) { RetryPause = TimeSpan.FromMilliseconds(600) };
        var swap = Task.Run(async () =>
        {
            await Task.Delay(150);
            File.Move(Path.Combine(other, ErcotApiCache.FileName), CacheFile, overwrite: true);
        });
        var warnings = new List<string>();
        var hit = cache.TryGet(Rt, "HB_WEST", Jul1, Jul1, TimeSpan.FromHours(1), warnings.Add);
        await swap;

        Assert.Empty(warnings);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
        Assert.NotNull(hit);
        Assert.Equal((20 + 3 + 0.37).ToString("R", CultureInfo.InvariantCulture), hit.Value.Rows[37][5]);
    }

    [Fact]
    public void A_damaged_file_is_moved_aside_and_rebuilt_in_WAL_mode()
    {
        File.WriteAllText(CacheFile, string.Concat(Enumerable.Repeat("not a database ", 500)));
        var cache = new ErcotApiCache(_dir.Path, _clock) { RetryPause = TimeSpan.FromMilliseconds(10) };
        var warnings = new List<string>();
        Assert.Null(cache.TryGet(Rt, "HB_WEST", Jul1, Jul1, TimeSpan.FromHours(1), warnings.Add));
        string w = Assert.Single(warnings);
        string aside = Assert.Single(Directory.GetFiles(_dir.Path, "ercot-api.sqlite.corrupt-*"));
        Assert.EndsWith(".corrupt-20250801T120000Z", aside, StringComparison.Ordinal);
        Assert.Contains($"moved to {aside} and rebuilt", w, StringComparison.Ordinal);
        Assert.Equal(string.Concat(Enumerable.Repeat("not a database ", 500)), File.ReadAllText(aside)); // kept as it was

        Assert.Equal("wal", Text("PRAGMA journal_mode"));
        cache.Store(Rt, "HB_WEST", Jul1, Jul1, Rows(1), Now, warnings.Add);
        Assert.Single(warnings);
        Assert.Equal("96", Text("SELECT row_count FROM download"));
    }
}
