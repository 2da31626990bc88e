using Npgsql;
using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>client_drops</c>: one row of running totals per project.</summary>
internal static class ClientDropTable
{
    public static async Task AddAsync(NpgsqlDataSource dataSource, string projectId, ClientDropReport report, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO client_drops AS d (project_id, queue_full, rejected_by_server, send_failed)
            VALUES (@project, @queue_full, @rejected, @failed)
            ON CONFLICT (project_id) DO UPDATE SET
                queue_full = d.queue_full + excluded.queue_full,
                rejected_by_server = d.rejected_by_server + excluded.rejected_by_server,
                send_failed = d.send_failed + excluded.send_failed;
            """);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("queue_full", report.QueueFull);
        command.Parameters.AddWithValue("rejected", report.RejectedByServer);
        command.Parameters.AddWithValue("failed", report.SendFailed);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ClientDropReport> GetAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT queue_full, rejected_by_server, send_failed FROM client_drops WHERE project_id = @project;");
        command.Parameters.AddWithValue("project", projectId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new ClientDropReport(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
                : new ClientDropReport(0, 0, 0);
        }
    }
}
