using Npgsql;
using Outlay.Core.Keys;
using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>dashboard_sessions</c>. Only the SHA-256 of a session cookie is stored, never the cookie.</summary>
internal static class DashboardSessionTable
{
    private const string Columns = "session_id, secret_hash, project_id, key_id, kind, created_ms, expires_ms";

    public static async Task AddAsync(NpgsqlDataSource dataSource, DashboardSessionRecord session, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"INSERT INTO dashboard_sessions ({Columns}) VALUES (@id, @hash, @project, @key, @kind, @created, @expires);");
        command.Parameters.AddWithValue("id", session.SessionId);
        command.Parameters.AddWithValue("hash", session.SecretHash);
        command.Parameters.AddWithValue("project", session.ProjectId);
        command.Parameters.AddWithValue("key", session.KeyId);
        command.Parameters.AddWithValue("kind", ApiKeyText.KindName(session.Kind));
        command.Parameters.AddWithValue("created", session.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("expires", session.ExpiresAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<DashboardSessionRecord?> FindAsync(NpgsqlDataSource dataSource, string sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM dashboard_sessions WHERE session_id = @id;");
        command.Parameters.AddWithValue("id", sessionId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new DashboardSessionRecord(
                SessionId: reader.GetString(0),
                SecretHash: reader.GetFieldValue<byte[]>(1),
                ProjectId: reader.GetString(2),
                KeyId: reader.GetString(3),
                Kind: reader.GetString(4) switch
                {
                    "read" => ApiKeyKind.Read,
                    "admin" => ApiKeyKind.Admin,
                    _ => throw new InvalidDataException("dashboard_sessions.kind holds an unknown kind."),
                },
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                ExpiresAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
        }
    }

    public static async Task<bool> DeleteAsync(NpgsqlDataSource dataSource, string sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM dashboard_sessions WHERE session_id = @id;");
        command.Parameters.AddWithValue("id", sessionId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes sessions whose expiry is at or before <paramref name="now"/> (they are no longer valid).</summary>
    public static async Task<int> DeleteExpiredAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM dashboard_sessions WHERE expires_ms <= @now;");
        command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
