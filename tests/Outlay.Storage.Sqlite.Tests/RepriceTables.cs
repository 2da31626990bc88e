using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// Reads a project's events and every rollup table as sorted text lines (the project id left out), so two stores can
/// be compared cell for cell: a re-priced store against one that ingested the same events at the new prices.
/// </summary>
internal static class RepriceTables
{
    private static readonly string[] Tables = ["events", "rollups_hourly", "rollups_dim_hourly", "rollups_dim_daily", "price_usage_hourly"];

    public static async Task<List<string>> DumpAsync(string databasePath, string projectId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();
        foreach (var table in Tables)
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE name NOT IN ('project_id', 'received_ms');";
                await using var reader = await info.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    columns.Add(reader.GetString(0));
                }
            }

            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table} WHERE project_id = $project;";
            select.Parameters.AddWithValue("$project", projectId);
            await using var rows = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var tableLines = new List<string>();
            while (await rows.ReadAsync(TestContext.Current.CancellationToken))
            {
                var cells = new string[columns.Count];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = columns[i] + "=" + (rows.IsDBNull(i) ? "<null>" : Convert.ToString(rows.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                }

                tableLines.Add(table + " " + string.Join(" ", cells));
            }

            tableLines.Sort(StringComparer.Ordinal);
            lines.AddRange(tableLines);
        }

        return lines;
    }
}
