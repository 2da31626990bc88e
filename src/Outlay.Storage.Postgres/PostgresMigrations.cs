using Npgsql;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Versioned schema changes, recorded in <c>outlay_schema_migrations</c>. All pending scripts run in one transaction
/// that first takes a transaction-level advisory lock, so two processes starting at once on an empty database migrate
/// once: the second waits for the lock, then finds the versions already recorded. A released script is never edited,
/// only followed by a new one.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>Arbitrary constant naming "Outlay schema migration" among advisory locks (ASCII 'OUTLAYMG').</summary>
    public const long AdvisoryLockKey = 0x4F55544C41594D47;

    /// <summary>Migration scripts; index + 1 is the version.</summary>
    public static readonly IReadOnlyList<string> Scripts = [PostgresSchemaV1.Script, PostgresSchemaV2.Script, PostgresSchemaV3.Script, PostgresSchemaV4.Script, PostgresSchemaV5.Script];

    public static int LatestVersion => Scripts.Count;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; returns the version it was at before.</summary>
    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(" + AdvisoryLockKey.ToString(System.Globalization.CultureInfo.InvariantCulture) + ");", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "CREATE TABLE IF NOT EXISTS outlay_schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());",
                    cancellationToken).ConfigureAwait(false);
                int current;
                await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM outlay_schema_migrations;", connection))
                {
                    current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                if (current > LatestVersion)
                {
                    throw new InvalidOperationException(
                        $"The database schema is version {current}, newer than this Outlay understands ({LatestVersion}); upgrade Outlay.");
                }

                for (var version = current + 1; version <= LatestVersion; version++)
                {
                    await ExecuteAsync(connection, Scripts[version - 1], cancellationToken).ConfigureAwait(false);
                    await using var record = new NpgsqlCommand("INSERT INTO outlay_schema_migrations (version) VALUES (@version);", connection);
                    record.Parameters.AddWithValue("version", version);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return current;
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
