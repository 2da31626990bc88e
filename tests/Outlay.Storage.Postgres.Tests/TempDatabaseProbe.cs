using Npgsql;

namespace Outlay.Storage.Postgres.Tests;

/// <summary>A plain connection for reading a database the test did not create through <see cref="TempDatabase"/>.</summary>
internal sealed class TempDatabaseProbe : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private TempDatabaseProbe(NpgsqlConnection connection) => _connection = connection;

    public static async Task<TempDatabaseProbe> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return new TempDatabaseProbe(connection);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
