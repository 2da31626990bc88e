using System.Globalization;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Outlay's own versioned migrations for ClickHouse: each node keeps the versions it has applied in
/// <c>schema_migrations</c>; a version's statements run on every node (there is no ON CLUSTER without ZooKeeper) and
/// are idempotent, so a run interrupted halfway, or two processes migrating at once, converge on the same schema.
/// </summary>
internal static class ClickHouseMigrations
{
    /// <summary>The latest schema version.</summary>
    public const int Latest = 2;

    public static async Task ApplyAsync(ClickHouseHttp http, ClickHouseStoreOptions options, CancellationToken cancellationToken)
    {
        var gate = AppendLocks.For(options);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var node in options.DdlNodes)
            {
                await http.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS `{options.Database}`", cancellationToken, node, useDatabase: false).ConfigureAwait(false);
                await http.ExecuteAsync(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, applied_ms Int64) ENGINE = MergeTree ORDER BY version",
                    cancellationToken, node).ConfigureAwait(false);
                var rows = await http.QueryAsync("SELECT toInt64(max(version)) AS v FROM schema_migrations", cancellationToken, node).ConfigureAwait(false);
                var current = rows.Count == 0 ? 0 : Json.Int64(rows[0].GetProperty("v"));
                for (var version = (int)current + 1; version <= Latest; version++)
                {
                    foreach (var statement in StatementsOf(version, options))
                    {
                        await http.ExecuteAsync(statement, cancellationToken, node).ConfigureAwait(false);
                    }

                    await http.ExecuteAsync(
                        "INSERT INTO schema_migrations VALUES (" + version.ToString(CultureInfo.InvariantCulture) + ", " +
                        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ")",
                        cancellationToken, node).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static IReadOnlyList<string> StatementsOf(int version, ClickHouseStoreOptions options) => version switch
    {
        1 => ClickHouseSchemaV1.Statements(options.Database, options.Cluster),
        2 => ClickHouseRetentionSchemaV2.Statements(options.Database, options.Cluster),
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };
}
