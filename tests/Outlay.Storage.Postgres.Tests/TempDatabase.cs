namespace Outlay.Storage.Postgres.Tests;

/// <summary>A PostgreSQL store on a database of its own, created for one test and dropped on dispose.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public PostgresOutlayStore Store { get; private set; } = null!;

    public static async Task<TempDatabase> CreateAsync()
    {
        var (name, connectionString) = await PostgresTestServer.CreateDatabaseAsync();
        var temp = new TempDatabase(name, connectionString);
        temp.Store = await temp.OpenStoreAsync();
        return temp;
    }

    /// <summary>Another initialized store on the same database (another server process); the caller disposes it.</summary>
    public async Task<PostgresOutlayStore> OpenStoreAsync()
    {
        var store = PostgresOutlayStore.Open(ConnectionString);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenStoreAsync();
    }

    /// <summary>Runs one query returning one integer (bigint or numeric) on a connection of its own.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one query and returns its rows as text, one line per row (columns joined by " | ").</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }

            rows.Add(string.Join(" | ", values));
        }

        return rows;
    }

    /// <summary>
    /// The project's events and rollup tables as sorted text lines, every column but the project id, the receive time
    /// and the generated <c>tags</c> column (table names are constants; the project is a parameter).
    /// </summary>
    public async Task<List<string>> DumpProjectAsync(string projectId)
    {
        string[] tables = ["events", "rollups_hourly", "rollups_dim_hourly", "rollups_dim_daily", "price_usage_hourly"];
        var lines = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var info = new Npgsql.NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table AND column_name NOT IN ('project_id', 'received_at', 'tags') ORDER BY ordinal_position;",
                connection))
            {
                info.Parameters.AddWithValue("table", table);
                await using var reader = await info.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    columns.Add(reader.GetString(0));
                }
            }

            await using var select = new Npgsql.NpgsqlCommand($"SELECT {string.Join(", ", columns)} FROM {table} WHERE project_id = @project;", connection);
            select.Parameters.AddWithValue("project", projectId);
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

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await PostgresTestServer.DropDatabaseAsync(Name);
    }
}
