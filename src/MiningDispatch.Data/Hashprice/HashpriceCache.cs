using System.Globalization;
using Microsoft.Data.Sqlite;
using MiningDispatch.Data.Caching;

namespace MiningDispatch.Data.Hashprice;

/// <summary>What identifies a cached answer: endpoint, currency, hashunit, span, bucket and the requested date range.</summary>
internal sealed record HashpriceCacheKey(
    string Endpoint, string Currency, string HashUnit, string Span, string Bucket, DateOnly From, DateOnly To);

/// <summary>A cached answer: the points kept for the range (USD/TH/day) and when they were fetched.</summary>
internal sealed record HashpriceCacheEntry(
    HashpriceCacheKey Key, DateTimeOffset FetchedAt, TimeSpan Bucket, int RowsRead, IReadOnlyList<HashpricePoint> Points);

/// <summary>
/// SQLite cache of Hashrate Index answers in <c>{directory}/hashprice.sqlite</c>. Each answer is stored in one
/// transaction with its key, fetch time (from the injected clock) and points; the API key is never stored.
/// <para>
/// Shared by concurrent runs: the file is in WAL mode (readers never block the writer), every connection waits up to
/// <see cref="BusyTimeout"/> for a lock, the schema is created inside a <c>BEGIN IMMEDIATE</c> transaction that first
/// re-reads the schema version (so two runs on an empty folder never both create it), and a locked, busy or read-only
/// file is never treated as damaged: the run warns and fetches without the cache.
/// </para>
/// <para>
/// On first use the file is checked (open + <c>PRAGMA integrity_check</c> + schema version). Only a file that still
/// fails after <see cref="CheckAttempts"/> tries with SQLite's own "file is not a database" / "malformed" codes, a
/// failed integrity check or a foreign schema is moved aside to <c>hashprice.sqlite.corrupt-{time}</c> and rebuilt.
/// </para>
/// <para>
/// Values read back are checked with the plausibility bounds of <see cref="HashpriceSanity"/> (and must be finite and
/// non-negative); an entry that fails (e.g. a file edited to hold USD/PH/day) is deleted and fetched again.
/// Rebuilds, implausible entries, failed writes and an unusable cache are reported through the warning callback.
/// </para>
/// <para>
/// Freshness: an entry is <i>historical</i> when, at fetch time, the whole range had been published
/// (end of the last requested day + one bucket &lt;= fetched-at) and the stored points reach the last bucket of the
/// range; historical entries never expire. Any other entry (a range reaching "now") is used while
/// now − fetched-at &lt; freshFor.
/// </para>
/// </summary>
public sealed class HashpriceCache
{
    /// <summary>File name inside the cache directory.</summary>
    public const string FileName = "hashprice.sqlite";

    /// <summary>How long one statement waits for another process's lock before giving up.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = SqliteCacheStore.DefaultBusyTimeout;

    /// <summary>Tries before a file that looks damaged is moved aside (another process may be mid-write).</summary>
    public const int CheckAttempts = SqliteCacheStore.CheckAttempts;

    private const int SchemaVersion = 1;
    private readonly TimeProvider _clock;
    private readonly SqliteCacheStore _file;

    /// <summary>Lock wait of every statement (<see cref="DefaultBusyTimeout"/>; tests shorten it).</summary>
    internal TimeSpan BusyTimeout { get => _file.BusyTimeout; init => _file.BusyTimeout = value; }

    /// <summary>Pause between tries of a check that looked like corruption (tests shorten it).</summary>
    internal TimeSpan RetryPause { get => _file.RetryPause; init => _file.RetryPause = value; }

    /// <summary>A cache in <paramref name="directory"/> (created when needed).</summary>
    public HashpriceCache(string directory, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _clock = clock ?? TimeProvider.System;
        _file = new SqliteCacheStore(directory, FileName, "hashprice cache", SchemaVersion, SchemaSql, _clock, "PRAGMA foreign_keys = ON;");
    }

    /// <summary>Folder holding the cache file.</summary>
    public string Directory => _file.Directory;

    /// <summary>Full path of hashprice.sqlite.</summary>
    public string FilePath => _file.FilePath;

    /// <summary>
    /// Default folder: <c>$MINING_DISPATCH_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/mining-dispatch</c>, else
    /// <c>~/.cache/mining-dispatch</c>. Empty variables count as unset.
    /// </summary>
    public static string DefaultDirectory(Func<string, string?>? getEnvironmentVariable = null, string? homeDirectory = null)
    {
        var get = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (get("MINING_DISPATCH_CACHE_DIR") is { Length: > 0 } explicitDir) return explicitDir;
        if (get("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "mining-dispatch");
        string home = homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "mining-dispatch");
    }

    internal HashpriceCacheEntry? TryGet(
        string endpoint, string currency, string hashUnit, DateOnly from, DateOnly to, TimeSpan freshFor, Action<string>? log,
        Action<string>? warn = null)
    {
        if (!_file.EnsureReady(m => Warn(m, log, warn))) return null;
        try
        {
            using var c = _file.Open();
            using var q = c.CreateCommand();
            q.CommandText = """
                SELECT id, span, bucket, fetched_at_unix_ms, bucket_seconds, rows_read FROM response
                WHERE endpoint = $e AND currency = $c AND hashunit = $h AND range_from = $f AND range_to = $t
                ORDER BY fetched_at_unix_ms DESC
                """;
            q.Parameters.AddWithValue("$e", endpoint);
            q.Parameters.AddWithValue("$c", currency);
            q.Parameters.AddWithValue("$h", hashUnit);
            q.Parameters.AddWithValue("$f", Day(from));
            q.Parameters.AddWithValue("$t", Day(to));
            var candidates = new List<(long Id, string Span, string Bucket, DateTimeOffset At, TimeSpan B, int Rows)>();
            using (var r = q.ExecuteReader())
                while (r.Read())
                    candidates.Add((r.GetInt64(0), r.GetString(1), r.GetString(2),
                        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), TimeSpan.FromSeconds(r.GetInt64(4)), r.GetInt32(5)));

            var now = _clock.GetUtcNow();
            foreach (var e in candidates)
            {
                var points = ReadPoints(c, e.Id, out string? bad);
                if ((bad ?? HashpriceSanity.Problem(points.Select(p => (p.TimestampUtc, p.UsdPerThDay)).ToList())) is { } problem)
                {
                    Warn($"hashprice cache {FilePath}: the entry for {Day(from)}..{Day(to)} (span {e.Span}, fetched " +
                         $"{HashpriceSeries.Fmt(e.At.UtcDateTime)}) holds implausible values ({problem}); it was discarded and is fetched again", log, warn);
                    DeleteEntry(c, e.Id, log, warn);
                    continue;
                }
                var toEnd = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                bool complete = points.Count > 0 && points[^1].TimestampUtc + e.B >= toEnd;
                bool historical = toEnd + e.B <= e.At.UtcDateTime && complete;
                if (!historical && now - e.At >= freshFor) continue;
                var key = new HashpriceCacheKey(endpoint, currency, hashUnit, e.Span, e.Bucket, from, to);
                return new HashpriceCacheEntry(key, e.At, e.B, e.Rows, points);
            }
            return null;
        }
        catch (SqliteException ex) when (SqliteCacheStore.IsCorruption(ex) && !_file.StillReadable())
        {
            _file.Rebuild($"reading failed: {ex.Message}", m => Warn(m, log, warn));
            return null;
        }
        catch (SqliteException ex)
        {
            // Locked, read-only, I/O error: the file is not known to be damaged, so it is left alone; fetch instead.
            Warn($"hashprice cache {FilePath} could not be read (SQLite error {ex.SqliteErrorCode}: {ex.Message}); fetching instead", log, warn);
            return null;
        }
    }

    internal void Store(HashpriceCacheEntry entry, Action<string>? log, Action<string>? warn = null)
    {
        if (!_file.EnsureReady(m => Warn(m, log, warn)))
        {
            Warn($"hashprice cache {FilePath} not updated (the cache is unusable in this run); the fetched data is used without caching", log, warn);
            return;
        }
        try { Write(entry); }
        catch (SqliteException ex) when (SqliteCacheStore.IsCorruption(ex) && !_file.StillReadable())
        {
            _file.Rebuild($"writing failed: {ex.Message}", m => Warn(m, log, warn));
            if (!_file.Disabled) TryWrite(entry, log, warn);
        }
        catch (SqliteException ex)
        {
            // The transaction was rolled back: the cache holds what it held before, never part of this answer.
            Warn($"hashprice cache {FilePath} not updated (SQLite error {ex.SqliteErrorCode}: {ex.Message}); the fetched data is used without caching", log, warn);
        }
    }

    private void TryWrite(HashpriceCacheEntry entry, Action<string>? log, Action<string>? warn)
    {
        try { Write(entry); }
        catch (SqliteException ex)
        {
            Warn($"hashprice cache {FilePath} not updated after the rebuild (SQLite error {ex.SqliteErrorCode}: {ex.Message}); the fetched data is used without caching", log, warn);
        }
    }

    private static void Warn(string message, Action<string>? log, Action<string>? warn)
    {
        log?.Invoke(message);
        warn?.Invoke(message);
    }

    private void DeleteEntry(SqliteConnection c, long id, Action<string>? log, Action<string>? warn)
    {
        try
        {
            using var d = c.CreateCommand();
            d.CommandText = "DELETE FROM response WHERE id = $id";
            d.Parameters.AddWithValue("$id", id);
            d.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            Warn($"hashprice cache {FilePath}: the implausible entry could not be deleted (SQLite error {ex.SqliteErrorCode}: {ex.Message})", log, warn);
        }
    }

    private void Write(HashpriceCacheEntry entry)
    {
        var k = entry.Key;
        using var c = _file.Open();
        using var tx = c.BeginTransaction();
        using (var del = c.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = """
                DELETE FROM response WHERE endpoint = $e AND currency = $c AND hashunit = $h AND span = $s AND bucket = $b
                AND range_from = $f AND range_to = $t
                """;
            AddKey(del, k);
            del.ExecuteNonQuery();
        }
        long id;
        using (var ins = c.CreateCommand())
        {
            ins.Transaction = tx;
            ins.CommandText = """
                INSERT INTO response(endpoint, currency, hashunit, span, bucket, range_from, range_to,
                                     fetched_at_unix_ms, bucket_seconds, rows_read)
                VALUES ($e, $c, $h, $s, $b, $f, $t, $at, $bs, $rows) RETURNING id
                """;
            AddKey(ins, k);
            ins.Parameters.AddWithValue("$at", entry.FetchedAt.ToUnixTimeMilliseconds());
            ins.Parameters.AddWithValue("$bs", (long)entry.Bucket.TotalSeconds);
            ins.Parameters.AddWithValue("$rows", entry.RowsRead);
            id = (long)ins.ExecuteScalar()!;
        }
        using (var pt = c.CreateCommand())
        {
            pt.Transaction = tx;
            pt.CommandText = "INSERT INTO point(response_id, t_unix_s, usd_per_th_day) VALUES ($id, $t, $v)";
            pt.Parameters.AddWithValue("$id", id);
            var pT = pt.Parameters.Add("$t", SqliteType.Integer);
            var pV = pt.Parameters.Add("$v", SqliteType.Real);
            pt.Prepare();
            foreach (var p in entry.Points)
            {
                pT.Value = new DateTimeOffset(p.TimestampUtc).ToUnixTimeSeconds();
                pV.Value = p.UsdPerThDay;
                pt.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    /// <summary>The entry's points; <paramref name="bad"/> names the first value that is not a finite non-negative number.</summary>
    private static List<HashpricePoint> ReadPoints(SqliteConnection c, long id, out string? bad)
    {
        using var q = c.CreateCommand();
        q.CommandText = "SELECT t_unix_s, usd_per_th_day FROM point WHERE response_id = $id ORDER BY t_unix_s";
        q.Parameters.AddWithValue("$id", id);
        var list = new List<HashpricePoint>();
        bad = null;
        using var r = q.ExecuteReader();
        while (r.Read())
        {
            var t = DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(0)).UtcDateTime;
            double v = r.IsDBNull(1) ? double.NaN : r.GetDouble(1);
            if (bad is null && (!double.IsFinite(v) || v < 0))
                bad = string.Create(CultureInfo.InvariantCulture, $"the value at {HashpriceSeries.Fmt(t)} is {v} USD/TH/day, not a finite non-negative number");
            list.Add(new HashpricePoint(t, v));
        }
        return list;
    }

    private static void AddKey(SqliteCommand cmd, HashpriceCacheKey k)
    {
        cmd.Parameters.AddWithValue("$e", k.Endpoint);
        cmd.Parameters.AddWithValue("$c", k.Currency);
        cmd.Parameters.AddWithValue("$h", k.HashUnit);
        cmd.Parameters.AddWithValue("$s", k.Span);
        cmd.Parameters.AddWithValue("$b", k.Bucket);
        cmd.Parameters.AddWithValue("$f", Day(k.From));
        cmd.Parameters.AddWithValue("$t", Day(k.To));
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The tables of an empty file (created by <see cref="SqliteCacheStore"/> under <c>BEGIN IMMEDIATE</c>).</summary>
    private const string SchemaSql = """
        CREATE TABLE response(
          id INTEGER PRIMARY KEY,
          endpoint TEXT NOT NULL, currency TEXT NOT NULL, hashunit TEXT NOT NULL, span TEXT NOT NULL, bucket TEXT NOT NULL,
          range_from TEXT NOT NULL, range_to TEXT NOT NULL,
          fetched_at_unix_ms INTEGER NOT NULL, bucket_seconds INTEGER NOT NULL, rows_read INTEGER NOT NULL,
          UNIQUE(endpoint, currency, hashunit, span, bucket, range_from, range_to)) STRICT;
        CREATE TABLE point(
          response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
          t_unix_s INTEGER NOT NULL, usd_per_th_day REAL NOT NULL,
          PRIMARY KEY(response_id, t_unix_s)) STRICT, WITHOUT ROWID
        """;
}
