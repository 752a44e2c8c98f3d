using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MiningDispatch.Data.Caching;

/// <summary>
/// One SQLite cache file shared by concurrent runs and processes: the open, check, retry and rebuild rules of every
/// cache of the product (the hashprice cache and the ERCOT API cache), written once.
/// <list type="bullet">
/// <item>Every connection is unpooled and waits up to <see cref="BusyTimeout"/> for another connection's lock.</item>
/// <item>On first use the file is checked (<see cref="SqliteCacheFile.Check"/>: integrity, schema version, the schema
/// created under <c>BEGIN IMMEDIATE</c> for a new file, WAL mode). A file that still looks damaged or foreign after
/// <see cref="CheckAttempts"/> tries (another process may be mid-write) is moved aside to
/// <c>{file}.corrupt-{time}</c> and rebuilt, in WAL mode too; a busy, locked or read-only file is never treated as
/// damaged: the cache is off for this run, with a warning.</item>
/// <item>A corruption error on a later read or write counts only when the file still fails the check on a retry
/// (<see cref="StillReadable"/>).</item>
/// <item>A cache folder that cannot be created is an <see cref="IOException"/> naming it and the flag to change.</item>
/// </list>
/// </summary>
internal sealed class SqliteCacheStore
{
    /// <summary>How long one statement waits for another process's lock before giving up.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Tries before a file that looks damaged is moved aside.</summary>
    public const int CheckAttempts = 3;

    private readonly long _schemaVersion;
    private readonly string _schemaSql;
    private readonly string _pragmas;
    private readonly TimeProvider _clock;
    private bool _ready;

    /// <param name="directory">Folder of the file (created on first use).</param>
    /// <param name="fileName">File name inside <paramref name="directory"/>.</param>
    /// <param name="label">What the messages call it: "hashprice cache", "ERCOT API cache".</param>
    /// <param name="schemaVersion"><c>user_version</c> of the schema.</param>
    /// <param name="schemaSql">The statements creating the tables of an empty file (see <see cref="EnsureSchema"/>).</param>
    /// <param name="clock">Time stamp of a moved-aside file.</param>
    /// <param name="extraPragmas">Run on every connection after the busy timeout (e.g. <c>PRAGMA foreign_keys = ON;</c>).</param>
    public SqliteCacheStore(string directory, string fileName, string label, long schemaVersion, string schemaSql,
        TimeProvider clock, string extraPragmas = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaSql);
        ArgumentNullException.ThrowIfNull(clock);
        Directory = directory;
        FilePath = Path.Combine(directory, fileName);
        Label = label;
        _schemaVersion = schemaVersion;
        _schemaSql = schemaSql;
        _clock = clock;
        _pragmas = extraPragmas;
    }

    /// <summary>Folder holding the file.</summary>
    public string Directory { get; }

    /// <summary>Full path of the file.</summary>
    public string FilePath { get; }

    /// <summary>"hashprice cache", "ERCOT API cache".</summary>
    public string Label { get; }

    /// <summary>Lock wait of every statement (<see cref="DefaultBusyTimeout"/>; tests shorten it).</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>Pause between tries of a check that looked like corruption (grows with each try; tests shorten it).</summary>
    public TimeSpan RetryPause { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The cache is off for this run (unusable and not rebuilt); every read misses and every write is skipped.</summary>
    public bool Disabled { get; private set; }

    /// <summary>SQLITE_CORRUPT (11) or SQLITE_NOTADB (26): the file itself is damaged. Busy, locked, I/O and read-only never count.</summary>
    public static bool IsCorruption(SqliteException ex) => SqliteCacheFile.IsCorruption(ex);

    /// <summary>A new open connection with the busy timeout (and the extra pragmas) set; the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(BusyTimeout.TotalSeconds)), // 0 would mean "wait forever"
        };
        var c = new SqliteConnection(cs.ToString());
        try
        {
            c.Open();
            using var p = c.CreateCommand();
            p.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds}; {_pragmas}");
            p.ExecuteNonQuery();
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks the file once per instance (see the class summary); true when the cache can be used in this run.
    /// <paramref name="warn"/> hears of a rebuild or of a cache that is off.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public bool EnsureReady(Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (_ready || Disabled) return _ready;
        try { System.IO.Directory.CreateDirectory(Directory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The {Label} folder {Directory} cannot be created: {e.Message} " +
                                  "Point --cache-dir or MINING_DISPATCH_CACHE_DIR at a writable folder.", e);
        }
        string? problem = null;
        for (int attempt = 1; attempt <= CheckAttempts; attempt++)
        {
            try
            {
                problem = Check();
                if (problem is null) break;
            }
            catch (SqliteException ex) when (IsCorruption(ex))
            {
                problem = ex.Message;
            }
            catch (SqliteException ex)
            {
                Disabled = true;
                warn($"{Label} {FilePath} cannot be used (SQLite error {ex.SqliteErrorCode}: {ex.Message}); fetching without the cache");
                return false;
            }
            if (attempt < CheckAttempts) Thread.Sleep(RetryPause * attempt);
        }
        if (problem is not null) Rebuild(problem, warn);
        else _ready = true;
        return _ready;
    }

    /// <summary>
    /// After a corruption error on a read or write: whether the file passes the check on a retry after all (another
    /// process was mid-write, or holds a lock), in which case it must be left alone.
    /// </summary>
    public bool StillReadable()
    {
        for (int attempt = 1; attempt < CheckAttempts; attempt++)
        {
            Thread.Sleep(RetryPause * attempt);
            try { if (Check() is null) return true; }
            catch (SqliteException ex) when (IsCorruption(ex)) { }
            catch (SqliteException) { return true; } // busy or locked: not known to be damaged
        }
        return false;
    }

    /// <summary>
    /// Moves the file (and its journal, WAL and shared-memory files) aside to <c>{file}.corrupt-{time}</c> and creates an
    /// empty one with the schema, in WAL mode. When that fails the cache is off for this run. Either way with a warning.
    /// </summary>
    public void Rebuild(string reason, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        SqliteConnection.ClearAllPools();
        string stamp = _clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string aside = FilePath + ".corrupt-" + stamp;
        try
        {
            for (int i = 2; File.Exists(aside); i++) aside = FilePath + ".corrupt-" + stamp + "-" + i.ToString(CultureInfo.InvariantCulture);
            if (File.Exists(FilePath)) File.Move(FilePath, aside);
            foreach (var suffix in new[] { "-journal", "-wal", "-shm" })
                if (File.Exists(FilePath + suffix)) File.Move(FilePath + suffix, aside + suffix);
            using var c = Open();
            EnsureSchema(c);
            SqliteCacheFile.UseWal(c);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            Disabled = true;
            _ready = false;
            warn($"{Label} {FilePath} was unusable ({reason}) and could not be rebuilt ({e.Message}); fetching without the cache");
            return;
        }
        warn($"{Label} {FilePath} was unusable ({reason}); moved to {aside} and rebuilt");
        _ready = true;
    }

    /// <summary>Null when the file is usable (schema created and WAL set for a new file), else the reason; throws when SQLite cannot read it.</summary>
    private string? Check()
    {
        using var c = Open();
        return SqliteCacheFile.Check(c, _schemaVersion, EnsureSchema);
    }

    /// <summary>
    /// Creates the schema unless it is there. BEGIN IMMEDIATE takes the write lock first and the version is read again
    /// under it, so when two runs start on an empty folder the second finds the first one's schema, never a half one.
    /// </summary>
    private void EnsureSchema(SqliteConnection c)
    {
        using var tx = c.BeginTransaction(deferred: false);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA user_version";
        if (Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) == _schemaVersion) return;
        cmd.CommandText = _schemaSql + string.Create(CultureInfo.InvariantCulture, $"; PRAGMA user_version = {_schemaVersion};");
        cmd.ExecuteNonQuery();
        tx.Commit();
    }
}
