using System.Net.Http.Headers;

namespace Outlay.Sdk.Internal;

/// <summary>The one HTTP client an <see cref="OutlayClient"/> sends through, for events and budget status alike.</summary>
internal static class SdkHttpClient
{
    public static HttpClient Create(OutlayClientOptions options)
    {
        var client = options.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler
            {
                // Re-resolve DNS now and then; and keep the SDK's own requests out of the app's traces.
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ActivityHeadersPropagator = null,
            });

        // The client enforces RequestTimeout itself (with its TimeProvider).
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("outlay-dotnet", "0.1.0"));
        return client;
    }
}
