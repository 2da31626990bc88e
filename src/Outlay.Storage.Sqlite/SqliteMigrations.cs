using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Versioned schema changes. Pending entries run once, in order, in one transaction, each recorded in
/// <c>schema_version</c>; a released migration is never edited, only followed by a new one.
/// </summary>
internal static class SqliteMigrations
{
    /// <summary>Migration scripts; index + 1 is the version.</summary>
    public static readonly IReadOnlyList<string> Scripts = [SqliteSchemaV1.Script, SqliteSchemaV2.Script, SqliteSchemaV3.Script, SqliteSchemaV4.Script, SqliteSchemaV5.Script, SqliteSchemaV6.Script, SqliteSchemaV7.Script, SqliteSchemaV8.Script, SqliteSchemaV9.Script, SqliteSchemaV10.Script, SqliteSchemaV11.Script, SqliteSchemaV12.Script, SqliteSchemaV13.Script];

    public static int LatestVersion => Scripts.Count;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; returns the version it was at before.</summary>
    /// <param name="connection">The writer connection.</param>
    /// <param name="progress">Told about an upgrade of an existing file (not the creation of a new one) as it goes.</param>
    public static int Apply(SqliteConnection connection, Action<SchemaUpgradeProgress>? progress = null)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_ms INTEGER NOT NULL);";
            create.ExecuteNonQuery();
        }

        // BEGIN IMMEDIATE (the default here) takes the write lock before the version is read, so two processes
        // opening the same new file cannot both decide to run migration 1.
        using var transaction = connection.BeginTransaction();
        var current = (int)Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version;");
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this Outlay understands ({LatestVersion}); upgrade Outlay.");
        }

        // A new file (version 0) has nothing to wait for; an existing one may rebuild tables of millions of rows.
        var report = current > 0 && current < LatestVersion ? progress : null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var events = report is null ? 0 : Scalar(connection, transaction, "SELECT COUNT(*) FROM events;");
        report?.Invoke(new SchemaUpgradeProgress(current, LatestVersion, current, events, TimeSpan.Zero, false, 0));
        for (var version = current + 1; version <= LatestVersion; version++)
        {
            using (var migrate = connection.CreateCommand())
            {
                migrate.Transaction = transaction;
                migrate.CommandText = Scripts[version - 1];
                migrate.ExecuteNonQuery();
            }

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_ms) VALUES ($version, $applied);";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$applied", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
            report?.Invoke(new SchemaUpgradeProgress(current, LatestVersion, version, events, started.Elapsed, false, 0));
        }

        transaction.Commit();
        if (report is not null)
        {
            var free = Scalar(connection, null, "PRAGMA freelist_count;") * Scalar(connection, null, "PRAGMA page_size;");
            report(new SchemaUpgradeProgress(current, LatestVersion, LatestVersion, events, started.Elapsed, true, free));
        }

        return current;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
