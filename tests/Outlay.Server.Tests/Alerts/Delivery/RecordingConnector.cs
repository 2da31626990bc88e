using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>
/// Stands in for the guard's socket connect: records every end point the guard decided to connect to, then connects
/// for real (or, for a public address in a test, to the loopback receiver instead).
/// </summary>
internal sealed class RecordingConnector(IPEndPoint? redirectTo = null)
{
    public ConcurrentQueue<IPEndPoint> Attempts { get; } = new();

    public async ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(endPoint);
        var target = redirectTo ?? endPoint;
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
