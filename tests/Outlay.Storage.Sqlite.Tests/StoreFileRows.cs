using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>Reads a store file directly (read-only, unpooled), so migration tests compare tables without the store's code.</summary>
internal static class StoreFileRows
{
    /// <summary>The first column of every row <paramref name="sql"/> returns, as text, in the order returned.</summary>
    public static async Task<List<string>> ReadAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
