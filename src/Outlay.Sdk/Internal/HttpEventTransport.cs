using System.Net.Http.Headers;

namespace Outlay.Sdk.Internal;

/// <summary>Posts batches to <c>{Endpoint}/v1/events</c> over HTTP.</summary>
internal sealed class HttpEventTransport : EventTransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    // An Outlay answer lists at most one rejection per event (a few hundred bytes each); 1 KiB per event is ample.
    private const int ResponseBytesPerEvent = 1024;
    private const int MinResponseBytes = 1024 * 1024;

    private readonly HttpClient _client;
    private readonly Uri _eventsUri;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly long _maxResponseBytes;

    public HttpEventTransport(OutlayClientOptions options)
        : this(options, SdkHttpClient.Create(options))
    {
    }

    /// <summary>Sends through <paramref name="client"/>, which this transport then owns and disposes.</summary>
    public HttpEventTransport(OutlayClientOptions options, HttpClient client)
    {
        _client = client;
        _eventsUri = new Uri(options.Endpoint.AbsoluteUri.TrimEnd('/') + "/v1/events", UriKind.Absolute);
        _authorization = string.IsNullOrEmpty(options.IngestKey) ? null : new AuthenticationHeaderValue("Bearer", options.IngestKey);
        _maxResponseBytes = Math.Max(MinResponseBytes, (long)options.MaxBatchSize * ResponseBytesPerEvent);
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
            ? await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false)
            : ReadOnlyMemory<byte>.Empty;
        return new TransportResponse(status, retryAfter, responseBody);
    }

    /// <summary>The answer's bytes, or nothing when it is larger than any Outlay answer can be. A 200 without a readable body counts as fully accepted.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken) =>
        await CappedContentReader.ReadAsync(content, _maxResponseBytes, cancellationToken).ConfigureAwait(false) ?? ReadOnlyMemory<byte>.Empty;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
        }

        base.Dispose(disposing);
    }
}
