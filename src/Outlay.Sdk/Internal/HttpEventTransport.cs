using System.Net.Http.Headers;

namespace Outlay.Sdk.Internal;

/// <summary>Posts batches to <c>{Endpoint}/v1/events</c> over HTTP.</summary>
internal sealed class HttpEventTransport : EventTransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _client;
    private readonly Uri _eventsUri;
    private readonly AuthenticationHeaderValue? _authorization;

    public HttpEventTransport(OutlayClientOptions options)
    {
        _client = options.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler
            {
                // Re-resolve DNS now and then; and keep the SDK's own requests out of the app's traces.
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ActivityHeadersPropagator = null,
            });
        // The client enforces RequestTimeout itself (with its TimeProvider).
        _client.Timeout = Timeout.InfiniteTimeSpan;
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("outlay-dotnet", "0.1.0"));
        _eventsUri = new Uri(options.Endpoint.AbsoluteUri.TrimEnd('/') + "/v1/events", UriKind.Absolute);
        _authorization = string.IsNullOrEmpty(options.IngestKey) ? null : new AuthenticationHeaderValue("Bearer", options.IngestKey);
    }

    public override async Task<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = JsonContentType;
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _eventsUri) { Content = content };
        request.Headers.Authorization = _authorization;
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.ToString();
        var responseBody = status == 200
            ? await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)
            : [];
        return new TransportResponse(status, retryAfter, responseBody);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
        }

        base.Dispose(disposing);
    }
}
