using System.Net;

namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>The operating system's resolver.</summary>
internal sealed class SystemHostResolver : IHostResolver
{
    public static SystemHostResolver Instance { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
