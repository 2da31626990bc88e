using Microsoft.Data.Sqlite;
using Outlay.Core.Security;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>security_findings</c>. A finding describes where a secret was seen, never the secret.</summary>
internal static class FindingTable
{
    public static void Add(SqliteConnection writer, SecurityFinding finding)
    {
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO security_findings (id, project_id, kind, detail, service, environment, key_id, at_ms)
            VALUES ($id, $project, $kind, $detail, $service, $environment, $key, $at)
            ON CONFLICT (id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", finding.Id.ToString("D"));
        command.Parameters.AddWithValue("$project", finding.ProjectId);
        command.Parameters.AddWithValue("$kind", finding.Kind);
        command.Parameters.AddWithValue("$detail", finding.Detail);
        command.Parameters.AddWithValue("$service", (object?)finding.Service ?? DBNull.Value);
        command.Parameters.AddWithValue("$environment", (object?)finding.Environment ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)finding.KeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", UnixMilliseconds.From(finding.At));
        command.ExecuteNonQuery();
    }

    /// <summary>The project's findings, newest first.</summary>
    public static List<SecurityFinding> List(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, project_id, kind, detail, service, environment, key_id, at_ms
            FROM security_findings WHERE project_id = $project ORDER BY at_ms DESC, id;
            """;
        command.Parameters.AddWithValue("$project", projectId);
        var findings = new List<SecurityFinding>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            findings.Add(new SecurityFinding(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                UnixMilliseconds.ToInstant(reader.GetInt64(7))));
        }

        return findings;
    }
}
