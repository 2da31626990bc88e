using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>api_keys</c>. Only the SHA-256 of a key is stored; the key text never reaches this class.</summary>
internal static class KeyTable
{
    private const string Columns = "key_id, project_id, kind, secret_hash, environments_json, name, created_ms, revoked_ms";

    public static void Add(SqliteConnection writer, ApiKeyRecord key)
    {
        using var command = writer.CreateCommand();
        command.CommandText = $"INSERT INTO api_keys ({Columns}) VALUES ($id, $project, $kind, $hash, $environments, $name, $created, $revoked);";
        command.Parameters.AddWithValue("$id", key.KeyId);
        command.Parameters.AddWithValue("$project", key.ProjectId);
        command.Parameters.AddWithValue("$kind", ApiKeyText.KindName(key.Kind));
        command.Parameters.AddWithValue("$hash", key.SecretHash);
        command.Parameters.AddWithValue("$environments", StringListJson.Write(key.Environments));
        command.Parameters.AddWithValue("$name", (object?)key.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", UnixMilliseconds.From(key.CreatedAt));
        command.Parameters.AddWithValue("$revoked", key.RevokedAt is { } revoked ? UnixMilliseconds.From(revoked) : DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static ApiKeyRecord? Find(SqliteConnection connection, string keyId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE key_id = $id;";
        command.Parameters.AddWithValue("$id", keyId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public static List<ApiKeyRecord> List(SqliteConnection connection, string? projectId)
    {
        using var command = connection.CreateCommand();
        if (projectId is null)
        {
            command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_ms, key_id;";
        }
        else
        {
            command.CommandText = $"SELECT {Columns} FROM api_keys WHERE project_id = $project ORDER BY created_ms, key_id;";
            command.Parameters.AddWithValue("$project", projectId);
        }

        var keys = new List<ApiKeyRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public static bool Revoke(SqliteConnection writer, string keyId, DateTimeOffset at)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_ms = $at WHERE key_id = $id AND revoked_ms IS NULL;";
        command.Parameters.AddWithValue("$id", keyId);
        command.Parameters.AddWithValue("$at", UnixMilliseconds.From(at));
        return command.ExecuteNonQuery() == 1;
    }

    private static ApiKeyRecord Read(SqliteDataReader reader) => new(
        KeyId: reader.GetString(0),
        ProjectId: reader.GetString(1),
        Kind: reader.GetString(2) switch
        {
            "ingest" => ApiKeyKind.Ingest,
            "read" => ApiKeyKind.Read,
            "admin" => ApiKeyKind.Admin,
            _ => throw new InvalidDataException("api_keys.kind holds an unknown kind."),
        },
        SecretHash: (byte[])reader.GetValue(3),
        Environments: StringListJson.Read(reader.GetString(4)),
        CreatedAt: UnixMilliseconds.ToInstant(reader.GetInt64(6)),
        RevokedAt: reader.IsDBNull(7) ? null : UnixMilliseconds.ToInstant(reader.GetInt64(7)),
        Name: reader.IsDBNull(5) ? null : reader.GetString(5));
}
