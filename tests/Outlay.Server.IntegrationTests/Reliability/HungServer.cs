using System.Net;
using System.Net.Sockets;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// A server that accepts TCP connections on loopback and then never reads or answers: the worst kind of outage for a
/// client, because nothing fails fast.
/// </summary>
internal sealed class HungServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _connections = [];
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _acceptLoop;

    public HungServer()
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    public Uri Address { get; }

    public int Connections
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Waits (at most 30 s) for a client to connect.</summary>
    public Task FirstConnectionAsync() => _firstConnection.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _acceptLoop;
        lock (_connections)
        {
            _connections.ForEach(c => c.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_connections)
                {
                    _connections.Add(socket);
                }

                _firstConnection.TrySetResult();
            }
        }
        catch (SocketException)
        {
            // Stopped.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
