using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Security;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>security_findings</c>. A finding describes where a secret was seen, never the secret.</summary>
internal static class FindingTable
{
    public static async Task AddAsync(NpgsqlDataSource dataSource, SecurityFinding finding, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO security_findings (id, project_id, kind, detail, service, environment, key_id, at_ms)
            VALUES (@id, @project, @kind, @detail, @service, @environment, @key, @at)
            ON CONFLICT (id) DO NOTHING;
            """);
        command.Parameters.AddWithValue("id", finding.Id);
        command.Parameters.AddWithValue("project", finding.ProjectId);
        command.Parameters.AddWithValue("kind", finding.Kind);
        command.Parameters.AddWithValue("detail", finding.Detail);
        command.Parameters.AddWithValue("service", NpgsqlDbType.Text, (object?)finding.Service ?? DBNull.Value);
        command.Parameters.AddWithValue("environment", NpgsqlDbType.Text, (object?)finding.Environment ?? DBNull.Value);
        command.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)finding.KeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("at", finding.At.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's findings, newest first.</summary>
    public static async Task<List<SecurityFinding>> ListAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, project_id, kind, detail, service, environment, key_id, at_ms
            FROM security_findings WHERE project_id = @project ORDER BY at_ms DESC, id;
            """);
        command.Parameters.AddWithValue("project", projectId);
        var findings = new List<SecurityFinding>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                findings.Add(new SecurityFinding(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
            }
        }

        return findings;
    }
}
