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
        var keyedRollup = version < KeyedRollupVersion && (await ObjectsAsync(connection, ct)).ContainsKey("rollup_keys");
        if (keyedRollup)
        {
            // The full rollup changed shape in version 11 (same rows, dimensions moved to rollup_keys): keep its rows
            // aside so the old wide table is refilled with them rather than left empty.
            await ExecuteAsync(connection, "ALTER TABLE rollups_hourly RENAME TO rewind_keyed_rollups;", ct);
        }

        var clusteredEvents = version < ClusteredEventsVersion;
        if (clusteredEvents)
        {
            // Version 12 rebuilt events as WITHOUT ROWID (same columns): keep its rows aside to refill the old table.
            await ExecuteAsync(connection, "ALTER TABLE events RENAME TO rewind_events;", ct);
        }

        var current = await ObjectsAsync(connection, ct);
        var sql = new System.Text.StringBuilder();
        foreach (var (name, table) in current.Where(t => t.Value.Type == "table"))
        {
            if ((keyedRollup && name is "rewind_keyed_rollups" or "rollup_keys") || (clusteredEvents && name == "rewind_events"))
            {
                continue;
            }

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

        if (keyedRollup)
        {
            sql.Append(WideRollupFromKeyedSql);
        }

        if (clusteredEvents)
        {
            sql.Append("INSERT INTO events SELECT * FROM rewind_events;\nDROP TABLE rewind_events;\n");
        }

        sql.Append("DELETE FROM schema_version WHERE version > ").Append(version).Append(';');
        await ExecuteAsync(connection, sql.ToString(), ct);
    }

    private const int KeyedRollupVersion = 11;

    private const int ClusteredEventsVersion = 12;

    // Runs after the old wide rollups_hourly was created: the same rows with their key's dimensions written out again.
    private const string WideRollupFromKeyedSql = """
        INSERT INTO rollups_hourly (project_id, hour, provider, model, operation, service, environment, key_label, status,
            service_tier, tags_json, cost_nano, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
            cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT r.project_id, r.hour, k.provider, k.model, k.operation, k.service, k.environment, k.key_label, k.status,
            k.service_tier, k.tags_json, r.cost_nano, r.events, r.unpriced_events, r.input_tokens, r.output_tokens,
            r.cache_read_tokens, r.cache_write_tokens, r.cache_write_1h_tokens, r.reasoning_tokens
        FROM rewind_keyed_rollups r JOIN rollup_keys k ON k.id = r.key_id;
        DROP TABLE rewind_keyed_rollups;
        DROP TABLE rollup_keys;

        """;

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
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
