using Npgsql;
using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres;

public sealed partial class PostgresOutlayStore
{
    // A vanished holder host sends no FIN; server-side keepalives end its session (and free the lock) within about
    // idle + interval × count = 10 + 5 × 3 = 25 s. A killed process on a live host is noticed at once.
    private const string SessionKeepaliveSql = "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3;";

    /// <inheritdoc />
    /// <remarks>
    /// <c>pg_try_advisory_lock(key)</c> on a dedicated connection outside the pool (same server, database and credentials,
    /// <c>Application Name</c> "outlay jobs"), kept open for as long as the lease is held. The key is
    /// <see cref="PostgresJobLockKey"/> of the name.
    /// </remarks>
    public async Task<IJobLease?> TryAcquireJobLockAsync(string name, CancellationToken cancellationToken = default)
    {
        JobLockName.Validate(name);
        ThrowIfNotUsable();
        var key = PostgresJobLockKey.For(name);
        NpgsqlConnection connection;
        await using (var pooled = _dataSource.CreateConnection())
        {
            // CloneWith keeps the data source's password, which the connection string it reports leaves out.
            var settings = new NpgsqlConnectionStringBuilder(pooled.ConnectionString)
            {
                Pooling = false,
                ApplicationName = "outlay jobs",
                KeepAlive = 10,
            };
            connection = pooled.CloneWith(settings.ConnectionString);
        }

        var acquired = false;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var keepalive = new NpgsqlCommand(SessionKeepaliveSql, connection))
            {
                await keepalive.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
            acquired = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return acquired ? new PostgresJobLease(name, connection, key) : null;
        }
        finally
        {
            if (!acquired)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
