using Microsoft.Data.Sqlite;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// A real Outlay server (Kestrel in this process) on a fixed loopback port over one store file, which can be stopped
/// and started again on the same port and file, as an operator restarting it would.
/// </summary>
internal sealed class RestartableServer : IAsyncDisposable
{
    private readonly ReliabilityStore _store;
    private OutlayServerApp? _app;

    public RestartableServer(ReliabilityStore store)
    {
        _store = store;
        Address = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}");
    }

    /// <summary>The fixed address, valid across restarts.</summary>
    public Uri Address { get; }

    public bool IsRunning => _app is not null;

    public async Task StartAsync()
    {
        Assert.Null(_app);
        _app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = Address.ToString().TrimEnd('/'), StorePath = _store.StorePath, ConsoleLogging = false },
            TestContext.Current.CancellationToken);
    }

    /// <summary>Stops Kestrel (requests in flight finish) and closes the store; until <see cref="StartAsync"/> connections are refused.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(TestContext.Current.CancellationToken);
            SqliteConnection.ClearAllPools();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
