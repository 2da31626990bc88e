using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Outlay.Sdk.Hosting.Tests;

/// <summary>An HTTP handler standing in for the server: records each request and accepts every event.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public ConcurrentQueue<(HttpRequestMessage Request, JsonElement Body)> Received { get; } = new();

    public int EventCount => Received.Sum(r => r.Body.GetProperty("events").GetArrayLength());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bytes = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            using var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await zip.CopyToAsync(plain, cancellationToken);
            bytes = plain.ToArray();
        }

        using var document = JsonDocument.Parse(bytes);
        var body = document.RootElement.Clone();
        Received.Enqueue((request, body));
        var count = body.GetProperty("events").GetArrayLength();
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"accepted":{{count}},"duplicates":0,"rejected":[]}""", Encoding.UTF8, "application/json"),
        };
    }
}
