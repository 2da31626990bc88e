using System.Collections.Concurrent;
using System.Net;
using Outlay.Server.Alerts.Delivery.Network;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>DNS answers the test chooses; counts lookups so a test can show the name was resolved once.</summary>
internal sealed class FakeHostResolver(Dictionary<string, IPAddress[]> answers) : IHostResolver
{
    public ConcurrentQueue<string> Lookups { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Enqueue(host);
        return answers.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}
