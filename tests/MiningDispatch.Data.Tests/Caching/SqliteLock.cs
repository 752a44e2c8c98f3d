using Microsoft.Data.Sqlite;

namespace MiningDispatch.Data.Tests.Caching;

/// <summary>Another process's hold on a cache file, for the tests of the SQLite caches' sharing rules.</summary>
internal static class SqliteLock
{
    /// <summary>
    /// Makes <paramref name="file"/> a (rollback-journal) database with one table and returns an open connection
    /// holding an exclusive lock on it until disposed: every other connection gets SQLITE_BUSY.
    /// </summary>
    public static SqliteConnection HoldExclusive(string file)
    {
        using (var c = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (1);";
            cmd.ExecuteNonQuery();
        }
        var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        holder.Open();
        using (var cmd = holder.CreateCommand())
        {
            cmd.CommandText = "BEGIN EXCLUSIVE; INSERT INTO t VALUES (2);";
            cmd.ExecuteNonQuery();
        }
        return holder;
    }
}
