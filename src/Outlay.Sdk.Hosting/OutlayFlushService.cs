using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Outlay.Sdk.Hosting;

/// <summary>Flushes the client when the host stops, so events tracked during shutdown are not left queued.</summary>
internal sealed class OutlayFlushService : IHostedService
{
    private readonly OutlayClient _client;
    private readonly TimeSpan _shutdownTimeout;

    public OutlayFlushService(OutlayClient client, IOptions<OutlayClientOptions> options)
    {
        _client = client;
        _shutdownTimeout = options.Value.ShutdownTimeout;
    }

    // Resolving the client here (constructor) starts its loop with the host.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // FlushAsync never throws; the host's token and ShutdownTimeout both bound the wait.
    public Task StopAsync(CancellationToken cancellationToken) => _client.FlushAsync(_shutdownTimeout, cancellationToken);
}
