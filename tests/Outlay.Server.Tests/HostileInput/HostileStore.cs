using Npgsql;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// A server on either storage engine for the injection tests: SQLite (its temp file), or an empty PostgreSQL database
/// of its own on the server <c>OUTLAY_TEST_POSTGRES</c> names (without it the PostgreSQL case skips locally and fails
/// on CI, as the CLI's PostgreSQL tests do). The database is dropped on dispose.
/// </summary>
internal sealed class HostileStore : IAsyncDisposable
{
    private const string Variable = "OUTLAY_TEST_POSTGRES";

    private readonly string? _admin;
    private readonly string? _database;

    private HostileStore(RunningServer server, string? admin, string? database)
    {
        Server = server;
        _admin = admin;
        _database = database;
    }

    public RunningServer Server { get; }

    public static async Task<HostileStore> StartAsync(string engine)
    {
        if (engine == "sqlite")
        {
            return new HostileStore(await RunningServer.StartAsync(), null, null);
        }

        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            var reason = $"No PostgreSQL server: {Variable} is not set.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI must run the PostgreSQL tests (.ci/run starts a server with .ci/postgres-start).");
            }

            Assert.Skip(reason + " Start one with: eval \"$(.ci/postgres-start)\"");
        }

        var name = "outlay_hostile_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // A database name cannot be a bind parameter; this one is built from a GUID only.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var server = await RunningServer.StartAsync(o =>
        {
            o.StorePath = string.Empty;
            o.Store = "postgres:" + connectionString;
        });
        return new HostileStore(server, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_admin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
                return;
            }
            catch (PostgresException e) when (attempt < 20 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // An autovacuum worker on the new database can only be ended by pg_signal_backend members; it leaves soon.
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }
}
