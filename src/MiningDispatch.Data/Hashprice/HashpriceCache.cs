using System.Globalization;
using Microsoft.Data.Sqlite;

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
/// On first use the file is checked (open + <c>PRAGMA integrity_check</c> + schema version); a file that fails is
/// moved aside to <c>hashprice.sqlite.corrupt-{time}</c> and a new one is created.
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

    private const int SchemaVersion = 1;
    private readonly TimeProvider _clock;
    private bool _ready;

    /// <summary>A cache in <paramref name="directory"/> (created when needed).</summary>
    public HashpriceCache(string directory, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        FilePath = Path.Combine(directory, FileName);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Folder holding the cache file.</summary>
    public string Directory { get; }

    /// <summary>Full path of hashprice.sqlite.</summary>
    public string FilePath { get; }

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
        string endpoint, string currency, string hashUnit, DateOnly from, DateOnly to, TimeSpan freshFor, Action<string>? log)
    {
        EnsureReady(log);
        try
        {
            using var c = Open();
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
                var points = ReadPoints(c, e.Id);
                var toEnd = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                bool complete = points.Count > 0 && points[^1].TimestampUtc + e.B >= toEnd;
                bool historical = toEnd + e.B <= e.At.UtcDateTime && complete;
                if (!historical && now - e.At >= freshFor) continue;
                var key = new HashpriceCacheKey(endpoint, currency, hashUnit, e.Span, e.Bucket, from, to);
                return new HashpriceCacheEntry(key, e.At, e.B, e.Rows, points);
            }
            return null;
        }
        catch (SqliteException ex) when (IsCorruption(ex))
        {
            Rebuild($"reading failed: {ex.Message}", log);
            return null;
        }
        catch (SqliteException ex)
        {
            // Locked, read-only, I/O error: the file is not known to be damaged, so it is left alone; fetch instead.
            log?.Invoke($"hashprice cache {FilePath} could not be read (SQLite error {ex.SqliteErrorCode}: {ex.Message}); fetching instead");
            return null;
        }
    }

    internal void Store(HashpriceCacheEntry entry, Action<string>? log)
    {
        EnsureReady(log);
        try { Write(entry); }
        catch (SqliteException ex) when (IsCorruption(ex))
        {
            Rebuild($"writing failed: {ex.Message}", log);
            TryWrite(entry, log);
        }
        catch (SqliteException ex)
        {
            // The transaction was rolled back: the cache holds what it held before, never part of this answer.
            log?.Invoke($"hashprice cache {FilePath} not updated (SQLite error {ex.SqliteErrorCode}: {ex.Message}); the fetched data is used without caching");
        }
    }

    private void TryWrite(HashpriceCacheEntry entry, Action<string>? log)
    {
        try { Write(entry); }
        catch (SqliteException ex)
        {
            log?.Invoke($"hashprice cache {FilePath} not updated after the rebuild (SQLite error {ex.SqliteErrorCode}: {ex.Message}); the fetched data is used without caching");
        }
    }

    /// <summary>SQLITE_CORRUPT (11) or SQLITE_NOTADB (26), including extended codes: the file itself is damaged.</summary>
    private static bool IsCorruption(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 11 or 26;

    private void Write(HashpriceCacheEntry entry)
    {
        var k = entry.Key;
        using var c = Open();
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

    private static List<HashpricePoint> ReadPoints(SqliteConnection c, long id)
    {
        using var q = c.CreateCommand();
        q.CommandText = "SELECT t_unix_s, usd_per_th_day FROM point WHERE response_id = $id ORDER BY t_unix_s";
        q.Parameters.AddWithValue("$id", id);
        var list = new List<HashpricePoint>();
        using var r = q.ExecuteReader();
        while (r.Read())
            list.Add(new HashpricePoint(DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(0)).UtcDateTime, r.GetDouble(1)));
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

    private SqliteConnection Open()
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var c = new SqliteConnection(cs.ToString());
        try
        {
            c.Open();
            using var p = c.CreateCommand();
            p.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
            p.ExecuteNonQuery();
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>Checks the file once per instance; a damaged or foreign file is moved aside and replaced.</summary>
    private void EnsureReady(Action<string>? log)
    {
        if (_ready) return;
        System.IO.Directory.CreateDirectory(Directory);
        string? problem;
        try { problem = Check(); }
        catch (SqliteException ex) { problem = ex.Message; }
        if (problem is not null) Rebuild(problem, log);
        else _ready = true;
    }

    /// <summary>Null when the file is usable (creating the schema if the file is new), else the reason.</summary>
    private string? Check()
    {
        using var c = Open();
        using var q = c.CreateCommand();
        q.CommandText = "PRAGMA integrity_check";
        string result = Convert.ToString(q.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        if (!string.Equals(result, "ok", StringComparison.Ordinal)) return $"integrity_check: {result}";
        q.CommandText = "PRAGMA user_version";
        long version = Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version == SchemaVersion) return null;
        q.CommandText = "SELECT count(*) FROM sqlite_schema";
        long objects = Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version != 0 || objects != 0) return $"unexpected schema (user_version {version}, {objects} objects)";
        CreateSchema(c);
        return null;
    }

    private static void CreateSchema(SqliteConnection c)
    {
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            CREATE TABLE response(
              id INTEGER PRIMARY KEY,
              endpoint TEXT NOT NULL, currency TEXT NOT NULL, hashunit TEXT NOT NULL, span TEXT NOT NULL, bucket TEXT NOT NULL,
              range_from TEXT NOT NULL, range_to TEXT NOT NULL,
              fetched_at_unix_ms INTEGER NOT NULL, bucket_seconds INTEGER NOT NULL, rows_read INTEGER NOT NULL,
              UNIQUE(endpoint, currency, hashunit, span, bucket, range_from, range_to)) STRICT;
            CREATE TABLE point(
              response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
              t_unix_s INTEGER NOT NULL, usd_per_th_day REAL NOT NULL,
              PRIMARY KEY(response_id, t_unix_s)) STRICT, WITHOUT ROWID;
            PRAGMA user_version = {SchemaVersion};
            """;
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    private void Rebuild(string reason, Action<string>? log)
    {
        SqliteConnection.ClearAllPools();
        string stamp = _clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string aside = FilePath + ".corrupt-" + stamp;
        for (int i = 2; File.Exists(aside); i++) aside = FilePath + ".corrupt-" + stamp + "-" + i.ToString(CultureInfo.InvariantCulture);
        if (File.Exists(FilePath)) File.Move(FilePath, aside);
        foreach (var suffix in new[] { "-journal", "-wal", "-shm" })
            if (File.Exists(FilePath + suffix)) File.Move(FilePath + suffix, aside + suffix);
        log?.Invoke($"hashprice cache {FilePath} was unusable ({reason}); moved to {aside} and rebuilt");
        using var c = Open();
        CreateSchema(c);
        _ready = true;
    }
}
