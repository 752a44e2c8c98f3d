using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MiningDispatch.Data.Caching;

/// <summary>
/// The checks every SQLite cache file of the product gets (the hashprice cache and the ERCOT API cache): written once so
/// both treat a damaged, foreign or new file the same way.
/// </summary>
internal static class SqliteCacheFile
{
    /// <summary>SQLite's own "the file is damaged" codes (SQLITE_CORRUPT, SQLITE_NOTADB), primary code of an extended one.</summary>
    public static bool IsCorruption(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 11 or 26;

    /// <summary>
    /// Null when the file is usable, else the reason: <c>integrity_check</c> passes and <c>user_version</c> is
    /// <paramref name="schemaVersion"/>; an empty file gets the schema (<paramref name="ensureSchema"/>); a file of another
    /// schema is refused. Then the file is put in WAL mode. Throws <see cref="SqliteException"/> when SQLite cannot read it.
    /// </summary>
    public static string? Check(SqliteConnection c, long schemaVersion, Action<SqliteConnection> ensureSchema)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(ensureSchema);
        using var q = c.CreateCommand();
        q.CommandText = "PRAGMA integrity_check";
        string result = Convert.ToString(q.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        if (!string.Equals(result, "ok", StringComparison.Ordinal)) return $"integrity_check: {result}";
        q.CommandText = "PRAGMA user_version";
        long version = Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version != schemaVersion)
        {
            q.CommandText = "SELECT count(*) FROM sqlite_schema";
            long objects = Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (version != 0 || objects != 0) return $"unexpected schema (user_version {version}, {objects} objects)";
            ensureSchema(c);
        }
        UseWal(c);
        return null;
    }

    /// <summary>
    /// WAL: readers never block the writer and a crash leaves no hot journal. Persistent in the file, so only a file
    /// not yet in WAL takes the lock to switch; a read-only file keeps its mode.
    /// </summary>
    public static void UseWal(SqliteConnection c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var q = c.CreateCommand();
        q.CommandText = "PRAGMA journal_mode";
        if (string.Equals(Convert.ToString(q.ExecuteScalar(), CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase)) return;
        q.CommandText = "PRAGMA journal_mode = WAL";
        q.ExecuteScalar();
    }
}
