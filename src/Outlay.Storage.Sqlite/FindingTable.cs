using Microsoft.Data.Sqlite;
using Outlay.Core.Findings;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// SQL for <c>findings</c> and <c>finding_snoozes</c> (the statements are shared with PostgreSQL through
/// <see cref="FindingColumns"/>). A finding describes what was seen and where, never a secret. Writes run on the
/// writer connection, inside the caller's transaction where one is given.
/// </summary>
internal static class FindingTable
{
    /// <summary>
    /// Records the observation in the caller's transaction; true in <c>Created</c> when this call inserted it. The
    /// write lock of SQLite (BEGIN IMMEDIATE) makes one of several processes' inserts win; the others count occurrences.
    /// </summary>
    public static (Guid Id, bool Created) Upsert(SqliteConnection writer, SqliteTransaction transaction, FindingObservation observation)
    {
        var id = Guid.CreateVersion7(observation.At);
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = FindingColumns.Upsert;
        command.Parameters.AddWithValue("@id", id.ToString("D"));
        foreach (var (name, value) in FindingColumns.UpsertValues(observation))
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        var stored = Guid.Parse((string)command.ExecuteScalar()!);
        return (stored, stored == id);
    }

    /// <summary>True when the observation's kind and subject are snoozed beyond its time.</summary>
    public static bool IsSnoozed(SqliteConnection writer, SqliteTransaction transaction, FindingObservation observation)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = FindingColumns.IsSnoozed;
        command.Parameters.AddWithValue("@project", observation.ProjectId);
        command.Parameters.AddWithValue("@kind", observation.Kind);
        command.Parameters.AddWithValue("@subject", observation.Subject);
        command.Parameters.AddWithValue("@at", UnixMilliseconds.From(observation.At));
        return command.ExecuteScalar() is not null;
    }

    public static void MarkNotified(SqliteConnection writer, SqliteTransaction transaction, Guid id)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = FindingColumns.MarkNotified;
        command.Parameters.AddWithValue("@id", id.ToString("D"));
        command.ExecuteNonQuery();
    }

    /// <summary>Runs one review statement (<see cref="FindingColumns.Acknowledge"/> and the like) for a finding of the project; false when it has none.</summary>
    public static bool Review(SqliteConnection writer, SqliteTransaction? transaction, string sql, string projectId, Guid id, params (string Name, object? Value)[] values)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@project", projectId);
        command.Parameters.AddWithValue("@id", id.ToString("D"));
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>The finding with this id in this project, or null.</summary>
    public static Finding? Find(SqliteConnection connection, SqliteTransaction? transaction, string projectId, Guid id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = FindingColumns.Select + " WHERE f.project_id = @project AND f.id = @id;";
        command.Parameters.AddWithValue("@project", projectId);
        command.Parameters.AddWithValue("@id", id.ToString("D"));
        using var reader = command.ExecuteReader();
        return reader.Read() ? FindingColumns.Read(reader) : null;
    }

    /// <summary>The project's findings matching the query, latest seen first.</summary>
    public static List<Finding> List(SqliteConnection connection, string projectId, FindingQuery query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = FindingColumns.ListSql(query);
        command.Parameters.AddWithValue("@project", projectId);
        if (query.Status is { } status)
        {
            command.Parameters.AddWithValue("@status", FindingColumns.StatusName(status));
        }

        if (query.Kind is { } kind)
        {
            command.Parameters.AddWithValue("@kind", kind);
        }

        if (query.KeyLabel is { } keyLabel)
        {
            command.Parameters.AddWithValue("@key_label", keyLabel);
        }

        command.Parameters.AddWithValue("@limit", query.Limit);
        var findings = new List<Finding>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            findings.Add(FindingColumns.Read(reader));
        }

        return findings;
    }
}
