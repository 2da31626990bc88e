using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Versioned schema changes. Pending entries run once, in order, in one transaction, each recorded in
/// <c>schema_version</c>; a released migration is never edited, only followed by a new one.
/// </summary>
internal static class SqliteMigrations
{
    /// <summary>Migration scripts; index + 1 is the version.</summary>
    public static readonly IReadOnlyList<string> Scripts = [SqliteSchemaV1.Script, SqliteSchemaV2.Script, SqliteSchemaV3.Script, SqliteSchemaV4.Script, SqliteSchemaV5.Script, SqliteSchemaV6.Script, SqliteSchemaV7.Script, SqliteSchemaV8.Script, SqliteSchemaV9.Script, SqliteSchemaV10.Script, SqliteSchemaV11.Script, SqliteSchemaV12.Script];

    public static int LatestVersion => Scripts.Count;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; returns the version it was at before.</summary>
    public static int Apply(SqliteConnection connection)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_ms INTEGER NOT NULL);";
            create.ExecuteNonQuery();
        }

        // BEGIN IMMEDIATE (the default here) takes the write lock before the version is read, so two processes
        // opening the same new file cannot both decide to run migration 1.
        using var transaction = connection.BeginTransaction();
        var current = CurrentVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this Outlay understands ({LatestVersion}); upgrade Outlay.");
        }

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
        }

        transaction.Commit();
        return current;
    }

    private static int CurrentVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
