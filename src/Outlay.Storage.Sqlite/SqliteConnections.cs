using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>Connection strings and per-connection settings for one database file.</summary>
internal sealed class SqliteConnections
{
    /// <summary>How long a statement waits for a lock held by another process before failing: 5 seconds.</summary>
    public const int BusyTimeoutMilliseconds = 5_000;

    public SqliteConnections(string fullPath)
    {
        // The writer is one long-lived connection; pooling it would only keep the file open after dispose.
        WriterConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
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

    public string WriterConnectionString { get; }

    public string ReaderConnectionString { get; }

    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(WriterConnectionString);
        try
        {
            connection.Open();

            // WAL lets readers run while the single writer commits. synchronous=FULL fsyncs the WAL on every commit,
            // so an append that returned is on disk even after a power loss: the server acknowledges only durable
            // events. (NORMAL would only survive process crashes, and batching makes FULL's cost small.)
            // A 16 MiB page cache (default 2 MiB) keeps the event-id and rollup b-trees hot for random-id inserts.
            Execute(connection, $"""
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
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
