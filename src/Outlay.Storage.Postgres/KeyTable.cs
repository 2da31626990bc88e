using Npgsql;
using Outlay.Core.Keys;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>api_keys</c>. Only the SHA-256 of a key is stored; the key text never reaches this class.</summary>
internal static class KeyTable
{
    private const string Columns = "key_id, project_id, kind, secret_hash, environments_json, name, created_ms, revoked_ms";

    public static async Task AddAsync(NpgsqlDataSource dataSource, ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"INSERT INTO api_keys ({Columns}) VALUES (@id, @project, @kind, @hash, @environments, @name, @created, @revoked);");
        command.Parameters.AddWithValue("id", key.KeyId);
        command.Parameters.AddWithValue("project", key.ProjectId);
        command.Parameters.AddWithValue("kind", ApiKeyText.KindName(key.Kind));
        command.Parameters.AddWithValue("hash", key.SecretHash);
        command.Parameters.AddWithValue("environments", StringListJson.Write(key.Environments));
        command.Parameters.AddWithValue("name", NpgsqlTypes.NpgsqlDbType.Text, (object?)key.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("created", key.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("revoked", NpgsqlTypes.NpgsqlDbType.Bigint, key.RevokedAt is { } revoked ? revoked.ToUnixTimeMilliseconds() : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ApiKeyRecord?> FindAsync(NpgsqlDataSource dataSource, string keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys WHERE key_id = @id;");
        command.Parameters.AddWithValue("id", keyId);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public static async Task<List<ApiKeyRecord>> ListAsync(NpgsqlDataSource dataSource, string? projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(projectId is null
            ? $"SELECT {Columns} FROM api_keys ORDER BY created_ms, key_id;"
            : $"SELECT {Columns} FROM api_keys WHERE project_id = @project ORDER BY created_ms, key_id;");
        if (projectId is not null)
        {
            command.Parameters.AddWithValue("project", projectId);
        }

        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<bool> RevokeAsync(NpgsqlDataSource dataSource, string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE api_keys SET revoked_ms = @at WHERE key_id = @id AND revoked_ms IS NULL;");
        command.Parameters.AddWithValue("id", keyId);
        command.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<List<ApiKeyRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(new ApiKeyRecord(
                    KeyId: reader.GetString(0),
                    ProjectId: reader.GetString(1),
                    Kind: reader.GetString(2) switch
                    {
                        "ingest" => ApiKeyKind.Ingest,
                        "read" => ApiKeyKind.Read,
                        "admin" => ApiKeyKind.Admin,
                        _ => throw new InvalidDataException("api_keys.kind holds an unknown kind."),
                    },
                    SecretHash: reader.GetFieldValue<byte[]>(3),
                    Environments: StringListJson.Read(reader.GetString(4)),
                    CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                    RevokedAt: reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                    Name: reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        return keys;
    }
}
