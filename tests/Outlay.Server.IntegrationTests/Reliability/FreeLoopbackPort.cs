using System.Net;
using System.Net.Sockets;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// A loopback port that was free a moment ago. A restarted server must come back on the same address the SDK was
/// given, so these proofs cannot use port 0 (which would give each start a new port).
/// </summary>
internal static class FreeLoopbackPort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
