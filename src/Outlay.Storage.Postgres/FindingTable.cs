using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Findings;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// SQL for <c>findings</c> and <c>finding_snoozes</c> (the statements are shared with SQLite through
/// <see cref="FindingColumns"/>). A finding describes what was seen and where, never a secret. Every method runs on the
/// caller's connection, inside its transaction when it has one.
/// </summary>
internal static class FindingTable
{
    /// <summary>
    /// Records the observation; true in <c>Created</c> when this call inserted it. The unique (project, fingerprint)
    /// with ON CONFLICT DO UPDATE makes exactly one insert win across connections and processes; the others wait for it
    /// and count an occurrence.
    /// </summary>
    public static async Task<(Guid Id, bool Created)> UpsertAsync(NpgsqlConnection connection, FindingObservation observation, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(observation.At);
        await using var command = new NpgsqlCommand(FindingColumns.Upsert, connection);
        command.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in FindingColumns.UpsertValues(observation))
        {
            if (value is long number)
            {
                command.Parameters.AddWithValue(name, number);
            }
            else
            {
                command.Parameters.AddWithValue(name, NpgsqlDbType.Text, value ?? DBNull.Value);
            }
        }

        var stored = (Guid)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return (stored, stored == id);
    }

    /// <summary>True when the observation's kind and subject are snoozed beyond its time.</summary>
    public static async Task<bool> IsSnoozedAsync(NpgsqlConnection connection, FindingObservation observation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FindingColumns.IsSnoozed, connection);
        command.Parameters.AddWithValue("project", observation.ProjectId);
        command.Parameters.AddWithValue("kind", observation.Kind);
        command.Parameters.AddWithValue("subject", observation.Subject);
        command.Parameters.AddWithValue("at", observation.At.ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public static async Task MarkNotifiedAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FindingColumns.MarkNotified, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one review statement (<see cref="FindingColumns.Acknowledge"/> and the like) for a finding of the project.</summary>
    public static async Task ReviewAsync(NpgsqlConnection connection, string sql, string projectId, Guid id, (string Name, object? Value)[] values, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in values)
        {
            if (value is long number)
            {
                command.Parameters.AddWithValue(name, number);
            }
            else
            {
                command.Parameters.AddWithValue(name, NpgsqlDbType.Text, value ?? DBNull.Value);
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The finding with this id in this project, or null.</summary>
    public static async Task<Finding?> FindAsync(NpgsqlConnection connection, string projectId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FindingColumns.Select + " WHERE f.project_id = @project AND f.id = @id;", connection);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("id", id);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? FindingColumns.Read(reader) : null;
        }
    }

    /// <summary>The project's findings matching the query, latest seen first.</summary>
    public static async Task<List<Finding>> ListAsync(NpgsqlDataSource dataSource, string projectId, FindingQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindingColumns.ListSql(query));
        command.Parameters.AddWithValue("project", projectId);
        if (query.Status is { } status)
        {
            command.Parameters.AddWithValue("status", FindingColumns.StatusName(status));
        }

        if (query.Kind is { } kind)
        {
            command.Parameters.AddWithValue("kind", kind);
        }

        if (query.KeyLabel is { } keyLabel)
        {
            command.Parameters.AddWithValue("key_label", keyLabel);
        }

        command.Parameters.AddWithValue("limit", query.Limit);
        var findings = new List<Finding>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                findings.Add(FindingColumns.Read(reader));
            }
        }

        return findings;
    }
}
