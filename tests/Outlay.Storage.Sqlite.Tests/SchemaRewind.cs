using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// Turns a store file back into what an older schema version wrote, so a migration test exercises the real upgrade:
/// the tables of that version are built from its own scripts in memory, then every table of the file that version did
/// not have is dropped, every table it had in another shape (or not at all) is recreated empty in its old shape with its
/// indexes, tables of the same shape keep their rows, and the recorded versions after it are forgotten. Later
/// migrations need no edit here.
/// </summary>
internal static class SchemaRewind
{
    public static async Task ToVersionAsync(string path, int version)
    {
        var ct = TestContext.Current.CancellationToken;
        var old = await OldSchemaAsync(version, ct);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(ct);
        var current = await ObjectsAsync(connection, ct);
        var sql = new System.Text.StringBuilder();
        foreach (var (name, table) in current.Where(t => t.Value.Type == "table"))
        {
            if (!old.TryGetValue(name, out var oldTable) || !string.Equals(oldTable.Sql, table.Sql, StringComparison.Ordinal))
            {
                sql.Append("DROP TABLE ").Append(name).Append(";\n");
            }
        }

        foreach (var (name, table) in old.Where(t => t.Value.Type == "table"))
        {
            if (!current.TryGetValue(name, out var currentTable) || !string.Equals(currentTable.Sql, table.Sql, StringComparison.Ordinal))
            {
                sql.Append(table.Sql).Append(";\n");
                foreach (var index in old.Values.Where(o => o.Type == "index" && o.Table == name && o.Sql is not null))
                {
                    sql.Append(index.Sql).Append(";\n");
                }
            }
        }

        sql.Append("DELETE FROM schema_version WHERE version > ").Append(version).Append(';');
        await using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<string, (string Type, string Table, string? Sql)>> OldSchemaAsync(int version, CancellationToken ct)
    {
        await using var memory = new SqliteConnection("Data Source=:memory:");
        await memory.OpenAsync(ct);
        foreach (var script in SqliteMigrations.Scripts.Take(version))
        {
            await using var command = memory.CreateCommand();
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(ct);
        }

        return await ObjectsAsync(memory, ct);
    }

    private static async Task<Dictionary<string, (string Type, string Table, string? Sql)>> ObjectsAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT type, name, tbl_name, sql FROM sqlite_master
            WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version';
            """;
        var objects = new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            objects[reader.GetString(1)] = (reader.GetString(0), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return objects;
    }
}
