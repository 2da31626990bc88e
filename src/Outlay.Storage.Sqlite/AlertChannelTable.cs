using Microsoft.Data.Sqlite;
using Outlay.Core.Alerts;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>alert_channels</c>. Every read and delete is keyed by project as well as id.</summary>
internal static class AlertChannelTable
{
    private const string Columns = "id, project_id, name, kind, display_target, sealed_settings, created_ms";

    public static void Add(SqliteConnection writer, AlertChannel channel)
    {
        using var command = writer.CreateCommand();
        command.CommandText = $"INSERT INTO alert_channels ({Columns}) VALUES ($id, $project, $name, $kind, $target, $sealed, $created);";
        command.Parameters.AddWithValue("$id", channel.Id);
        command.Parameters.AddWithValue("$project", channel.ProjectId);
        command.Parameters.AddWithValue("$name", channel.Name);
        command.Parameters.AddWithValue("$kind", channel.KindName);
        command.Parameters.AddWithValue("$target", channel.DisplayTarget);
        command.Parameters.AddWithValue("$sealed", channel.SealedSettings);
        command.Parameters.AddWithValue("$created", UnixMilliseconds.From(channel.CreatedAt));
        command.ExecuteNonQuery();
    }

    public static AlertChannel? Find(SqliteConnection connection, string projectId, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alert_channels WHERE project_id = $project AND id = $id;";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>The project's channels, oldest first.</summary>
    public static List<AlertChannel> List(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alert_channels WHERE project_id = $project ORDER BY created_ms, id;";
        command.Parameters.AddWithValue("$project", projectId);
        var channels = new List<AlertChannel>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            channels.Add(Read(reader));
        }

        return channels;
    }

    /// <summary>The project's channels' health, oldest channel first.</summary>
    public static List<AlertChannelHealth> ListHealth(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, last_attempt_ms, last_delivered, last_detail, failing_since_ms
            FROM alert_channels WHERE project_id = $project ORDER BY created_ms, id;
            """;
        command.Parameters.AddWithValue("$project", projectId);
        var health = new List<AlertChannelHealth>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            health.Add(new AlertChannelHealth(
                ChannelId: reader.GetString(0),
                LastAttemptAt: reader.IsDBNull(1) ? null : UnixMilliseconds.ToInstant(reader.GetInt64(1)),
                LastDelivered: !reader.IsDBNull(2) && reader.GetInt64(2) == 1,
                LastDetail: reader.IsDBNull(3) ? null : reader.GetString(3),
                FailingSince: reader.IsDBNull(4) ? null : UnixMilliseconds.ToInstant(reader.GetInt64(4))));
        }

        return health;
    }

    /// <summary>Records an attempt's outcome on the channel (no-op when the channel is gone).</summary>
    public static void RecordAttempt(SqliteConnection writer, SqliteTransaction transaction, string channelId, bool delivered, DateTimeOffset at, string detail)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;

        // Failing since: the first failure after the last success, kept until the next success.
        command.CommandText = """
            UPDATE alert_channels
            SET last_attempt_ms = $at, last_delivered = $delivered, last_detail = $detail,
                failing_since_ms = CASE WHEN $delivered = 1 THEN NULL ELSE COALESCE(failing_since_ms, $at) END
            WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", channelId);
        command.Parameters.AddWithValue("$at", UnixMilliseconds.From(at));
        command.Parameters.AddWithValue("$delivered", delivered ? 1 : 0);
        command.Parameters.AddWithValue("$detail", detail);
        command.ExecuteNonQuery();
    }

    public static bool Delete(SqliteConnection writer, string projectId, string id)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "DELETE FROM alert_channels WHERE project_id = $project AND id = $id;";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }

    private static AlertChannel Read(SqliteDataReader reader)
    {
        if (!AlertChannelKinds.TryParse(reader.GetString(3), out var kind))
        {
            throw new InvalidDataException("An alert channel has an unknown kind.");
        }

        return new AlertChannel(
            Id: reader.GetString(0),
            ProjectId: reader.GetString(1),
            Name: reader.GetString(2),
            Kind: kind,
            DisplayTarget: reader.GetString(4),
            SealedSettings: (byte[])reader.GetValue(5),
            CreatedAt: UnixMilliseconds.ToInstant(reader.GetInt64(6)));
    }
}
