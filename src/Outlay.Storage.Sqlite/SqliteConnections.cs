using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>Connection strings and per-connection settings for one database file.</summary>
internal sealed class SqliteConnections
{
    /// <summary>How long a statement waits for a lock held by another process before failing: 5 seconds.</summary>
    public const int BusyTimeoutMilliseconds = 5_000;

    /// <summary>The size the WAL file is cut back to once it starts over: 64 MiB.</summary>
    public const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    public SqliteConnections(string fullPath)
    {
        FullPath = fullPath;
        // The writer is one long-lived connection; pooling it would only keep the file open after dispose.
        WriterConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();

        // The checkpointer's own connection: read-write (a checkpoint writes the database file), never pooled.
        CheckpointerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();

        // Readers are opened per call from the pool; read-only so a query path can never write.
        ReaderConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string FullPath { get; }

    public string WriterConnectionString { get; }

    public string ReaderConnectionString { get; }

    public string CheckpointerConnectionString { get; }

    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(WriterConnectionString);
        try
        {
            connection.Open();

            // WAL lets readers run while the single writer commits; the store depends on it (WalFileSync flushes the
            // WAL file), so a file system where SQLite cannot use it is refused rather than silently left slower.
            using (var mode = connection.CreateCommand())
            {
                mode.CommandText = "PRAGMA journal_mode = WAL;";
                var journal = mode.ExecuteScalar() as string;
                if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"SQLite could not put {connection.DataSource} in WAL mode (it reports '{journal}'); keep the store on a local file system.");
                }
            }

            // synchronous=NORMAL writes a commit's WAL frames without flushing them; WalFileSync flushes the WAL after
            // the write lock is released and before any caller is answered, so an acknowledged write is on disk even
            // after a power loss, as with FULL, while the next write already runs. Automatic checkpoints are off:
            // WalCheckpointer copies the WAL back on its own connection, outside the writer's commits.
            // journal_size_limit: after the WAL starts over, SQLite truncates the file back to 64 MiB, so one huge
            // transaction (a schema upgrade that rebuilds events) does not leave gigabytes of WAL behind for good.
            // A 16 MiB page cache (default 2 MiB) keeps the event-id and rollup b-trees hot for random-id inserts.
            Execute(connection, $"""
                PRAGMA synchronous = NORMAL;
                PRAGMA wal_autocheckpoint = 0;
                PRAGMA journal_size_limit = {JournalSizeLimitBytes};
                PRAGMA busy_timeout = {BusyTimeoutMilliseconds};
                PRAGMA foreign_keys = ON;
                PRAGMA cache_size = -16384;
                """);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ReaderConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes idle pooled readers so the file is released when the store is disposed.</summary>
    public void ReleasePooledReaders()
    {
        using var connection = new SqliteConnection(ReaderConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
