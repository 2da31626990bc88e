using System.Net;

namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>Turns a target's host name into addresses. The guard checks every address it returns.</summary>
internal interface IHostResolver
{
    /// <summary>All addresses of <paramref name="host"/>; empty or an exception when it has none.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
