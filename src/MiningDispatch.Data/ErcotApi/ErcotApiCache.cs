using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Caching;

namespace MiningDispatch.Data.ErcotApi;

/// <summary>
/// SQLite cache of ERCOT Public Data API downloads in <c>{directory}/ercot-api.sqlite</c>, keyed by report, settlement
/// point and requested market-day range, so fetching a cached range again sends no request. Same approach as
/// <see cref="Hashprice.HashpriceCache"/>: WAL mode, a busy timeout on every connection, each download stored whole in
/// one transaction (never part of one), the schema created under <c>BEGIN IMMEDIATE</c>; a damaged or foreign file is
/// moved aside to <c>ercot-api.sqlite.corrupt-{time}</c> and rebuilt; a locked or read-only one is left alone and the
/// run fetches without the cache, with a warning. No credential is ever stored.
/// <para>
/// Values read back are checked (<see cref="ErcotReportParser.Problem"/>: dates inside the range, finite numbers, no
/// negative load or AS price, the stored row count); an entry that fails is deleted, with a warning, and fetched again.
/// An entry whose range ended before the market day before the fetch is historical and never expires; a range that
/// reaches the last two market days is reused for <see cref="ErcotApiOptions.FreshFor"/>.
/// </para>
/// </summary>
public sealed class ErcotApiCache
{
    /// <summary>File name inside the cache directory.</summary>
    public const string FileName = "ercot-api.sqlite";

    private const int SchemaVersion = 1;
    private readonly TimeProvider _clock;
    private bool _ready;
    private bool _disabled;

    /// <summary>A cache in <paramref name="directory"/> (created when needed).</summary>
    public ErcotApiCache(string directory, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        FilePath = Path.Combine(directory, FileName);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Folder holding the cache file.</summary>
    public string Directory { get; }

    /// <summary>Full path of ercot-api.sqlite.</summary>
    public string FilePath { get; }

    /// <summary>Lock wait of every statement.</summary>
    internal TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    internal (IReadOnlyList<string[]> Rows, DateTimeOffset FetchedAt)? TryGet(
        ErcotReportSpec spec, string? point, DateOnly from, DateOnly to, TimeSpan freshFor, Action<string> warn)
    {
        EnsureReady(warn);
        if (_disabled) return null;
        try
        {
            using var c = Open();
            using var q = c.CreateCommand();
            q.CommandText = """
                SELECT id, fetched_at_unix_ms, row_count, fields, rows_json FROM download
                WHERE report = $r AND point = $p AND range_from = $f AND range_to = $t
                """;
            AddKey(q, spec, point, from, to);
            long id;
            DateTimeOffset at;
            int count;
            string fields, json;
            using (var r = q.ExecuteReader())
            {
                if (!r.Read()) return null;
                (id, at, count, fields, json) = (r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetInt32(2), r.GetString(3), r.GetString(4));
            }
            string? problem = null;
            List<string[]> rows = [];
            if (!string.Equals(fields, string.Join(",", spec.KeptFields), StringComparison.Ordinal))
                problem = $"it holds the fields {fields}, not {string.Join(",", spec.KeptFields)}";
            else
            {
                try { rows = JsonSerializer.Deserialize<List<string[]>>(json) ?? []; }
                catch (JsonException e) { problem = "its rows are not readable (" + e.Message + ")"; }
                if (problem is null && rows.Count != count)
                    problem = string.Create(CultureInfo.InvariantCulture, $"it holds {rows.Count} row(s) but recorded {count}");
                problem ??= ErcotReportParser.Problem(spec, rows, from, to);
            }
            if (problem is not null)
            {
                warn($"ERCOT API cache {FilePath}: the entry for {spec.Describe(point, from, to)} is unusable ({problem}); it was discarded and is fetched again");
                using var d = c.CreateCommand();
                d.CommandText = "DELETE FROM download WHERE id = $id";
                d.Parameters.AddWithValue("$id", id);
                d.ExecuteNonQuery();
                return null;
            }
            var fetchedDay = MarketClock.Ercot.MarketDay(at.UtcDateTime);
            bool historical = to < fetchedDay.AddDays(-1);
            if (!historical && _clock.GetUtcNow() - at >= freshFor) return null;
            return (rows, at);
        }
        catch (SqliteException ex) when (IsCorruption(ex))
        {
            Rebuild($"reading failed: {ex.Message}", warn);
            return null;
        }
        catch (SqliteException ex)
        {
            warn($"ERCOT API cache {FilePath} could not be read (SQLite error {ex.SqliteErrorCode}: {ex.Message}); fetching instead");
            return null;
        }
    }

    internal void Store(ErcotReportSpec spec, string? point, DateOnly from, DateOnly to, IReadOnlyList<string[]> rows, DateTimeOffset fetchedAt, Action<string> warn)
    {
        EnsureReady(warn);
        if (_disabled)
        {
            warn($"ERCOT API cache {FilePath} not updated (the cache is unusable in this run); the fetched rows are used without caching");
            return;
        }
        try
        {
            using var c = Open();
            using var tx = c.BeginTransaction();
            using var ins = c.CreateCommand();
            ins.Transaction = tx;
            ins.CommandText = """
                INSERT OR REPLACE INTO download(report, point, range_from, range_to, fetched_at_unix_ms, row_count, fields, rows_json)
                VALUES ($r, $p, $f, $t, $at, $n, $fields, $rows)
                """;
            AddKey(ins, spec, point, from, to);
            ins.Parameters.AddWithValue("$at", fetchedAt.ToUnixTimeMilliseconds());
            ins.Parameters.AddWithValue("$n", rows.Count);
            ins.Parameters.AddWithValue("$fields", string.Join(",", spec.KeptFields));
            ins.Parameters.AddWithValue("$rows", JsonSerializer.Serialize(rows));
            ins.ExecuteNonQuery();
            tx.Commit();
        }
        catch (SqliteException ex)
        {
            // Rolled back: the cache holds what it held before, never part of this download.
            warn($"ERCOT API cache {FilePath} not updated (SQLite error {ex.SqliteErrorCode}: {ex.Message}); the fetched rows are used without caching");
        }
    }

    private static void AddKey(SqliteCommand cmd, ErcotReportSpec spec, string? point, DateOnly from, DateOnly to)
    {
        cmd.Parameters.AddWithValue("$r", spec.Emil);
        cmd.Parameters.AddWithValue("$p", point ?? "");
        cmd.Parameters.AddWithValue("$f", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$t", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>SQLITE_CORRUPT (11) or SQLITE_NOTADB (26): the file itself is damaged. Busy, locked, I/O and read-only never count.</summary>
    private static bool IsCorruption(SqliteException ex) => SqliteCacheFile.IsCorruption(ex);

    private SqliteConnection Open()
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(BusyTimeout.TotalSeconds)),
        };
        var c = new SqliteConnection(cs.ToString());
        try
        {
            c.Open();
            using var p = c.CreateCommand();
            p.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};");
            p.ExecuteNonQuery();
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    private void EnsureReady(Action<string> warn)
    {
        if (_ready || _disabled) return;
        try { System.IO.Directory.CreateDirectory(Directory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The ERCOT API cache folder {Directory} cannot be created: {e.Message} " +
                                  "Point --cache-dir or MINING_DISPATCH_CACHE_DIR at a writable folder.", e);
        }
        string? problem;
        try { problem = Check(); }
        catch (SqliteException ex) when (IsCorruption(ex)) { problem = ex.Message; }
        catch (SqliteException ex)
        {
            _disabled = true;
            warn($"ERCOT API cache {FilePath} cannot be used (SQLite error {ex.SqliteErrorCode}: {ex.Message}); fetching without the cache");
            return;
        }
        if (problem is not null) Rebuild(problem, warn);
        else _ready = true;
    }

    /// <summary>Null when the file is usable (creating the schema and switching to WAL if new), else the reason.</summary>
    private string? Check()
    {
        using var c = Open();
        return SqliteCacheFile.Check(c, SchemaVersion, EnsureSchema);
    }

    private static void EnsureSchema(SqliteConnection c)
    {
        using var tx = c.BeginTransaction(deferred: false);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA user_version";
        if (Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) == SchemaVersion) return;
        cmd.CommandText = $"""
            CREATE TABLE download(
              id INTEGER PRIMARY KEY,
              report TEXT NOT NULL, point TEXT NOT NULL, range_from TEXT NOT NULL, range_to TEXT NOT NULL,
              fetched_at_unix_ms INTEGER NOT NULL, row_count INTEGER NOT NULL, fields TEXT NOT NULL, rows_json TEXT NOT NULL,
              UNIQUE(report, point, range_from, range_to)) STRICT;
            PRAGMA user_version = {SchemaVersion};
            """;
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    private void Rebuild(string reason, Action<string> warn)
    {
        SqliteConnection.ClearAllPools();
        string aside = FilePath + ".corrupt-" + _clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        try
        {
            if (File.Exists(FilePath)) File.Move(FilePath, aside, overwrite: true);
            foreach (var suffix in new[] { "-journal", "-wal", "-shm" })
                if (File.Exists(FilePath + suffix)) File.Move(FilePath + suffix, aside + suffix, overwrite: true);
            using var c = Open();
            EnsureSchema(c);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            _disabled = true;
            warn($"ERCOT API cache {FilePath} was unusable ({reason}) and could not be rebuilt ({e.Message}); fetching without the cache");
            return;
        }
        warn($"ERCOT API cache {FilePath} was unusable ({reason}); moved to {aside} and rebuilt");
        _ready = true;
    }
}
