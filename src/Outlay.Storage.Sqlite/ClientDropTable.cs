using Microsoft.Data.Sqlite;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>client_drops</c>: one row of running totals per project.</summary>
internal static class ClientDropTable
{
    public static void Add(SqliteConnection writer, string projectId, ClientDropReport report)
    {
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO client_drops (project_id, queue_full, rejected_by_server, send_failed)
            VALUES ($project, $queue_full, $rejected, $failed)
            ON CONFLICT (project_id) DO UPDATE SET
                queue_full = queue_full + excluded.queue_full,
                rejected_by_server = rejected_by_server + excluded.rejected_by_server,
                send_failed = send_failed + excluded.send_failed;
            """;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$queue_full", report.QueueFull);
        command.Parameters.AddWithValue("$rejected", report.RejectedByServer);
        command.Parameters.AddWithValue("$failed", report.SendFailed);
        command.ExecuteNonQuery();
    }

    public static ClientDropReport Get(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT queue_full, rejected_by_server, send_failed FROM client_drops WHERE project_id = $project;";
        command.Parameters.AddWithValue("$project", projectId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ClientDropReport(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
            : new ClientDropReport(0, 0, 0);
    }
}
