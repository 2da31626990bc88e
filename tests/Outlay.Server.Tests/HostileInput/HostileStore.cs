using Outlay.Server.Tests.Support;
using Outlay.Testing;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// A server on either storage engine for the injection tests: SQLite (its temp file), or an empty PostgreSQL database
/// of its own (<see cref="TempPostgresDatabase"/>: without <c>OUTLAY_TEST_POSTGRES</c> the PostgreSQL case skips locally
/// and fails on CI). The database is dropped on dispose.
/// </summary>
internal sealed class HostileStore : IAsyncDisposable
{
    private readonly TempPostgresDatabase? _database;

    private HostileStore(RunningServer server, TempPostgresDatabase? database)
    {
        Server = server;
        _database = database;
    }

    public RunningServer Server { get; }

    public static async Task<HostileStore> StartAsync(string engine)
    {
        if (engine == "sqlite")
        {
            return new HostileStore(await RunningServer.StartAsync(), null);
        }

        var database = await TempPostgresDatabase.CreateAsync("outlay_hostile_");
        var server = await RunningServer.StartAsync(o =>
        {
            o.StorePath = string.Empty;
            o.Store = database.Spec;
        });
        return new HostileStore(server, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
