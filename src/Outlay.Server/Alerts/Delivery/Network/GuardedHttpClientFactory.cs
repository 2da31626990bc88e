using System.Net;

namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>Builds the one <see cref="HttpClient"/> every webhook and Slack delivery goes through.</summary>
internal static class GuardedHttpClientFactory
{
    /// <summary>Time allowed to open a connection. 10 s.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for a whole request, connection included. 15 s.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A client that connects only through <paramref name="connector"/>, uses no proxy (a proxy would connect on our
    /// behalf, unchecked), follows no redirect (the next hop would skip the check) and does not decompress.
    /// </summary>
    public static HttpClient Create(GuardedConnector connector)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = ConnectTimeout,
            ConnectCallback = connector.ConnectAsync,
            MaxResponseHeadersLength = 16, // KiB
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 4,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = RequestTimeout };
    }
}
