using Microsoft.Data.Sqlite;
using Outlay.Core.Reconciliation;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>provider_usage_daily</c> and <c>provider_key_mappings</c> (the text is shared in <see cref="ProviderUsageColumns"/>).</summary>
internal static class ProviderUsageTable
{
    /// <summary>Upserts every record with one prepared command in one transaction.</summary>
    public static int Upsert(SqliteConnection writer, string projectId, IReadOnlyList<ProviderUsageRecord> records)
    {
        using var transaction = writer.BeginTransaction();
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ProviderUsageColumns.Upsert;
        var written = 0;
        foreach (var record in records)
        {
            command.Parameters.Clear();
            foreach (var (name, value) in ProviderUsageColumns.Parameters(projectId, record))
            {
                command.Parameters.AddWithValue("@" + name, value);
            }

            written += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return written;
    }

    public static List<ProviderUsageRecord> Query(SqliteConnection connection, string projectId, DateTimeOffset from, DateTimeOffset to)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ProviderUsageColumns.Select;
        command.Parameters.AddWithValue("@project", projectId);
        command.Parameters.AddWithValue("@from", UnixMilliseconds.From(from));
        command.Parameters.AddWithValue("@to", UnixMilliseconds.From(to));
        using var reader = command.ExecuteReader();
        var records = new List<ProviderUsageRecord>();
        while (reader.Read())
        {
            records.Add(ProviderUsageColumns.Read(reader));
        }

        return records;
    }

    public static void SetMapping(SqliteConnection writer, ProviderKeyMapping mapping)
    {
        using var command = writer.CreateCommand();
        command.CommandText = ProviderKeyMappingColumns.Upsert;
        foreach (var (name, value) in ProviderKeyMappingColumns.Parameters(mapping))
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        command.ExecuteNonQuery();
    }

    public static List<ProviderKeyMapping> ListMappings(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ProviderKeyMappingColumns.Select;
        command.Parameters.AddWithValue("@project", projectId);
        using var reader = command.ExecuteReader();
        var mappings = new List<ProviderKeyMapping>();
        while (reader.Read())
        {
            mappings.Add(ProviderKeyMappingColumns.Read(reader));
        }

        return mappings;
    }

    public static bool DeleteMapping(SqliteConnection writer, string projectId, string provider, string providerRef)
    {
        using var command = writer.CreateCommand();
        command.CommandText = ProviderKeyMappingColumns.Delete;
        command.Parameters.AddWithValue("@project", projectId);
        command.Parameters.AddWithValue("@provider", provider);
        command.Parameters.AddWithValue("@ref", providerRef);
        return command.ExecuteNonQuery() == 1;
    }
}
