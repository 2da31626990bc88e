using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Alerts;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>alert_channels</c>. Every read and delete is keyed by project as well as id.</summary>
internal static class AlertChannelTable
{
    private const string Columns = "id, project_id, name, kind, display_target, sealed_settings, created_ms";

    public static async Task AddAsync(NpgsqlDataSource dataSource, AlertChannel channel, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"INSERT INTO alert_channels ({Columns}) VALUES (@id, @project, @name, @kind, @target, @sealed, @created);");
        command.Parameters.AddWithValue("id", channel.Id);
        command.Parameters.AddWithValue("project", channel.ProjectId);
        command.Parameters.AddWithValue("name", channel.Name);
        command.Parameters.AddWithValue("kind", channel.KindName);
        command.Parameters.AddWithValue("target", channel.DisplayTarget);
        command.Parameters.AddWithValue("sealed", channel.SealedSettings);
        command.Parameters.AddWithValue("created", channel.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<AlertChannel?> FindAsync(NpgsqlDataSource dataSource, string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alert_channels WHERE project_id = @project AND id = @id;");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("id", id);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>The project's channels, oldest first.</summary>
    public static async Task<List<AlertChannel>> ListAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alert_channels WHERE project_id = @project ORDER BY created_ms, id;");
        command.Parameters.AddWithValue("project", projectId);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's channels' health, oldest channel first.</summary>
    public static async Task<List<AlertChannelHealth>> ListHealthAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, last_attempt_ms, last_delivered, last_detail, failing_since_ms
            FROM alert_channels WHERE project_id = @project ORDER BY created_ms, id;
            """);
        command.Parameters.AddWithValue("project", projectId);
        var health = new List<AlertChannelHealth>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                health.Add(new AlertChannelHealth(
                    ChannelId: reader.GetString(0),
                    LastAttemptAt: reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    LastDelivered: !reader.IsDBNull(2) && reader.GetBoolean(2),
                    LastDetail: reader.IsDBNull(3) ? null : reader.GetString(3),
                    FailingSince: reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }
        }

        return health;
    }

    /// <summary>Records an attempt's outcome on the channel, in the caller's transaction (no-op when the channel is gone).</summary>
    public static async Task RecordAttemptAsync(NpgsqlConnection connection, string channelId, bool delivered, DateTimeOffset at, string detail, CancellationToken cancellationToken)
    {
        // Failing since: the first failure after the last success, kept until the next success.
        await using var command = new NpgsqlCommand(
            """
            UPDATE alert_channels
            SET last_attempt_ms = @at, last_delivered = @delivered, last_detail = @detail,
                failing_since_ms = CASE WHEN @delivered THEN NULL ELSE COALESCE(failing_since_ms, @at) END
            WHERE id = @id;
            """,
            connection);
        command.Parameters.AddWithValue("id", channelId);
        command.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("delivered", NpgsqlDbType.Boolean, delivered);
        command.Parameters.AddWithValue("detail", detail);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<bool> DeleteAsync(NpgsqlDataSource dataSource, string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM alert_channels WHERE project_id = @project AND id = @id;");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<List<AlertChannel>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var channels = new List<AlertChannel>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!AlertChannelKinds.TryParse(reader.GetString(3), out var kind))
                {
                    throw new InvalidDataException("An alert channel has an unknown kind.");
                }

                channels.Add(new AlertChannel(
                    Id: reader.GetString(0),
                    ProjectId: reader.GetString(1),
                    Name: reader.GetString(2),
                    Kind: kind,
                    DisplayTarget: reader.GetString(4),
                    SealedSettings: reader.GetFieldValue<byte[]>(5),
                    CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
            }
        }

        return channels;
    }
}
