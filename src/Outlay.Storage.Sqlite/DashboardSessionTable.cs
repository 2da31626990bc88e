using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>dashboard_sessions</c>. Only the SHA-256 of a session cookie is stored, never the cookie.</summary>
internal static class DashboardSessionTable
{
    private const string Columns = "session_id, secret_hash, project_id, key_id, kind, created_ms, expires_ms";

    public static void Add(SqliteConnection writer, DashboardSessionRecord session)
    {
        using var command = writer.CreateCommand();
        command.CommandText = $"INSERT INTO dashboard_sessions ({Columns}) VALUES ($id, $hash, $project, $key, $kind, $created, $expires);";
        command.Parameters.AddWithValue("$id", session.SessionId);
        command.Parameters.AddWithValue("$hash", session.SecretHash);
        command.Parameters.AddWithValue("$project", session.ProjectId);
        command.Parameters.AddWithValue("$key", session.KeyId);
        command.Parameters.AddWithValue("$kind", ApiKeyText.KindName(session.Kind));
        command.Parameters.AddWithValue("$created", UnixMilliseconds.From(session.CreatedAt));
        command.Parameters.AddWithValue("$expires", UnixMilliseconds.From(session.ExpiresAt));
        command.ExecuteNonQuery();
    }

    public static DashboardSessionRecord? Find(SqliteConnection connection, string sessionId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dashboard_sessions WHERE session_id = $id;";
        command.Parameters.AddWithValue("$id", sessionId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public static bool Delete(SqliteConnection writer, string sessionId)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "DELETE FROM dashboard_sessions WHERE session_id = $id;";
        command.Parameters.AddWithValue("$id", sessionId);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Deletes sessions whose expiry is at or before <paramref name="now"/> (they are no longer valid).</summary>
    public static int DeleteExpired(SqliteConnection writer, DateTimeOffset now)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "DELETE FROM dashboard_sessions WHERE expires_ms <= $now;";
        command.Parameters.AddWithValue("$now", UnixMilliseconds.From(now));
        return command.ExecuteNonQuery();
    }

    private static DashboardSessionRecord Read(SqliteDataReader reader) => new(
        SessionId: reader.GetString(0),
        SecretHash: (byte[])reader.GetValue(1),
        ProjectId: reader.GetString(2),
        KeyId: reader.GetString(3),
        Kind: reader.GetString(4) switch
        {
            "read" => ApiKeyKind.Read,
            "admin" => ApiKeyKind.Admin,
            _ => throw new InvalidDataException("dashboard_sessions.kind holds an unknown kind."),
        },
        CreatedAt: UnixMilliseconds.ToInstant(reader.GetInt64(5)),
        ExpiresAt: UnixMilliseconds.ToInstant(reader.GetInt64(6)));
}
