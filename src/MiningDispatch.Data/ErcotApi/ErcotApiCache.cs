using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Caching;

namespace MiningDispatch.Data.ErcotApi;

/// <summary>
/// SQLite cache of ERCOT Public Data API downloads in <c>{directory}/ercot-api.sqlite</c>, keyed by report, settlement
/// point and requested market-day range, so fetching a cached range again sends no request. The file follows the same
/// rules as <see cref="Hashprice.HashpriceCache"/>'s, written once in <see cref="SqliteCacheStore"/>: WAL mode (after a
/// rebuild too), a busy timeout on every connection, each download stored whole in one transaction (never part of one),
/// the schema created under <c>BEGIN IMMEDIATE</c>; a file that still looks damaged or foreign after
/// <see cref="SqliteCacheStore.CheckAttempts"/> tries (another process may be mid-write) is moved aside to
/// <c>ercot-api.sqlite.corrupt-{time}</c> and rebuilt; a busy, locked or read-only one is left alone and the run fetches
/// without the cache, with a warning. Concurrent runs and processes share one file. No credential is ever stored.
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

    /// <summary>The table of an empty file (created by <see cref="SqliteCacheStore"/> under <c>BEGIN IMMEDIATE</c>).</summary>
    private const string SchemaSql = """
        CREATE TABLE download(
          id INTEGER PRIMARY KEY,
          report TEXT NOT NULL, point TEXT NOT NULL, range_from TEXT NOT NULL, range_to TEXT NOT NULL,
          fetched_at_unix_ms INTEGER NOT NULL, row_count INTEGER NOT NULL, fields TEXT NOT NULL, rows_json TEXT NOT NULL,
          UNIQUE(report, point, range_from, range_to)) STRICT
        """;

    private readonly TimeProvider _clock;
    private readonly SqliteCacheStore _file;

    /// <summary>A cache in <paramref name="directory"/> (created when needed).</summary>
    public ErcotApiCache(string directory, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _clock = clock ?? TimeProvider.System;
        _file = new SqliteCacheStore(directory, FileName, "ERCOT API cache", SchemaVersion, SchemaSql, _clock);
    }

    /// <summary>Folder holding the cache file.</summary>
    public string Directory => _file.Directory;

    /// <summary>Full path of ercot-api.sqlite.</summary>
    public string FilePath => _file.FilePath;

    /// <summary>Lock wait of every statement (tests shorten it).</summary>
    internal TimeSpan BusyTimeout { get => _file.BusyTimeout; init => _file.BusyTimeout = value; }

    /// <summary>Pause between tries of a check that looked like corruption (tests shorten it).</summary>
    internal TimeSpan RetryPause { get => _file.RetryPause; init => _file.RetryPause = value; }

    internal (IReadOnlyList<string[]> Rows, DateTimeOffset FetchedAt)? TryGet(
        ErcotReportSpec spec, string? point, DateOnly from, DateOnly to, TimeSpan freshFor, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (!_file.EnsureReady(warn)) return null;
        try
        {
            using var c = _file.Open();
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
        catch (SqliteException ex) when (SqliteCacheStore.IsCorruption(ex) && !_file.StillReadable())
        {
            _file.Rebuild($"reading failed: {ex.Message}", warn);
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
        ArgumentNullException.ThrowIfNull(warn);
        if (!_file.EnsureReady(warn))
        {
            warn($"ERCOT API cache {FilePath} not updated (the cache is unusable in this run); the fetched rows are used without caching");
            return;
        }
        try { Write(spec, point, from, to, rows, fetchedAt); }
        catch (SqliteException ex) when (SqliteCacheStore.IsCorruption(ex) && !_file.StillReadable())
        {
            _file.Rebuild($"writing failed: {ex.Message}", warn);
            if (!_file.Disabled) TryWrite(spec, point, from, to, rows, fetchedAt, warn);
        }
        catch (SqliteException ex)
        {
            // Rolled back: the cache holds what it held before, never part of this download.
            warn($"ERCOT API cache {FilePath} not updated (SQLite error {ex.SqliteErrorCode}: {ex.Message}); the fetched rows are used without caching");
        }
    }

    private void TryWrite(ErcotReportSpec spec, string? point, DateOnly from, DateOnly to, IReadOnlyList<string[]> rows, DateTimeOffset fetchedAt, Action<string> warn)
    {
        try { Write(spec, point, from, to, rows, fetchedAt); }
        catch (SqliteException ex)
        {
            warn($"ERCOT API cache {FilePath} not updated after the rebuild (SQLite error {ex.SqliteErrorCode}: {ex.Message}); the fetched rows are used without caching");
        }
    }

    /// <summary>One download, whole, in one transaction (replacing an older download of the same key).</summary>
    private void Write(ErcotReportSpec spec, string? point, DateOnly from, DateOnly to, IReadOnlyList<string[]> rows, DateTimeOffset fetchedAt)
    {
        using var c = _file.Open();
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

    private static void AddKey(SqliteCommand cmd, ErcotReportSpec spec, string? point, DateOnly from, DateOnly to)
    {
        cmd.Parameters.AddWithValue("$r", spec.Emil);
        cmd.Parameters.AddWithValue("$p", point ?? "");
        cmd.Parameters.AddWithValue("$f", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$t", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
