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

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await PostgresTestServer.DropDatabaseAsync(Name);
    }
}
