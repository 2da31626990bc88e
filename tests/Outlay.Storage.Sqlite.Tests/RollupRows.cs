using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>Reads a store file's rollup and credential rows with plain SQL, for comparing two stores row by row.</summary>
internal static class RollupRows
{
    /// <summary>Every rollup and credential row of the store, with the project's name for its id and no key ids, sorted.</summary>
    public static async Task<List<string>> ReadAsync(TempStore temp)
    {
        await temp.FoldAsync();
        return await ReadAsync(temp.Path);
    }

    /// <summary>The same rows of the store file at <paramref name="path"/>, as they are on disk.</summary>
    public static async Task<List<string>> ReadAsync(string path)
    {
        string[] queries =
        [
            """
            SELECT 'full', r.project_id, r.hour, k.provider, k.model, k.operation, k.service, k.environment, k.key_label, k.status,
                k.service_tier, k.tags_json, r.cost_nano, r.events, r.unpriced_events, r.input_tokens, r.output_tokens,
                r.cache_read_tokens, r.cache_write_tokens, r.cache_write_1h_tokens, r.reasoning_tokens
            FROM rollups_hourly r JOIN rollup_keys k ON k.id = r.key_id
            """,
            "SELECT 'dim', * FROM rollups_dim_hourly",
            "SELECT 'daily', * FROM rollups_dim_daily",
            "SELECT 'price', * FROM price_usage_hourly",
            "SELECT 'place', * FROM credential_places",
            "SELECT 'usage', * FROM credential_usage_hourly",
        ];
        var rows = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var names = new Dictionary<string, string>();
        await using (var projects = connection.CreateCommand())
        {
            projects.CommandText = "SELECT id, name FROM projects";
            await using var reader = await projects.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                names[reader.GetString(0)] = reader.GetString(1);
            }
        }

        foreach (var sql in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i =>
                    reader.IsDBNull(i) ? "null"
                    : reader.GetName(i) == "project_id" ? names[reader.GetString(i)]
                    : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                rows.Add(string.Join('|', values));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        Assert.NotEmpty(rows);
        return rows;
    }
}
