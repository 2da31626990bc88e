using System.Net;
using System.Net.Sockets;

namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> behind every alert HTTP request: resolves the host once,
/// checks every address against <see cref="TargetAddressPolicy"/>, then connects to a checked address, so a second
/// DNS answer (rebinding) can never change where the request goes.
/// </summary>
internal sealed class GuardedConnector
{
    private const int MaxAddresses = 16;

    private readonly TargetAddressPolicy policy;
    private readonly IHostResolver resolver;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> connect;

    /// <param name="policy">Which addresses are allowed.</param>
    /// <param name="resolver">Host name lookups; default the system resolver.</param>
    /// <param name="connect">Opens the connection to a checked end point; default a TCP socket. Tests observe or redirect it.</param>
    public GuardedConnector(TargetAddressPolicy policy, IHostResolver? resolver = null, Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        this.policy = policy;
        this.resolver = resolver ?? SystemHostResolver.Instance;
        this.connect = connect ?? ConnectSocketAsync;
    }

    /// <summary>Resolves, checks and connects; throws <see cref="TargetRefusedException"/> before any connection when refused.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var plainHttp = !string.Equals(context.InitialRequestMessage.RequestUri?.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);

        // Every address must pass, not just the first: a name answering one public and one private address is
        // refused, so the outcome never depends on which one a later attempt would pick.
        foreach (var address in addresses)
        {
            if (policy.Refusal(address, plainHttp) is { } refusal)
            {
                throw new TargetRefusedException(refusal);
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            try
            {
                return await connect(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                last = ex;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address))
        {
            return [address];
        }

        var addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return addresses.Length > MaxAddresses ? addresses[..MaxAddresses] : addresses;
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
