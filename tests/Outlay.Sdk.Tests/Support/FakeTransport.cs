using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Threading.Channels;
using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Tests.Support;

/// <summary>Records every body and answers with a scripted response (200 accepting everything by default).</summary>
internal sealed class FakeTransport : EventTransport
{
    private readonly Func<RecordedRequest, CancellationToken, Task<TransportResponse>> _respond;
    private readonly Channel<RecordedRequest> _sent = Channel.CreateUnbounded<RecordedRequest>();
    private int _count;

    public FakeTransport(Func<RecordedRequest, CancellationToken, Task<TransportResponse>>? respond = null)
    {
        _respond = respond ?? ((request, _) => Task.FromResult(Accepted(request.EventCount)));
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static TransportResponse Accepted(int count) =>
        new(200, null, Encoding.UTF8.GetBytes($$"""{"accepted":{{count}},"duplicates":0,"rejected":[]}"""));

    public static TransportResponse Status(int status, string? retryAfter = null) => new(status, retryAfter, ReadOnlyMemory<byte>.Empty);

    public override Task<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken)
    {
        var request = new RecordedRequest(Interlocked.Increment(ref _count) - 1, Decode(body, gzip), gzip);
        Requests.Enqueue(request);
        _sent.Writer.TryWrite(request);
        return _respond(request, cancellationToken);
    }

    /// <summary>The next request, waiting at most 10 seconds (a test failure rather than a hang).</summary>
    public async Task<RecordedRequest> NextAsync() =>
        await _sent.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private static string Decode(ReadOnlyMemory<byte> body, bool gzip)
    {
        if (!gzip)
        {
            return Encoding.UTF8.GetString(body.Span);
        }

        using var input = new MemoryStream(body.ToArray());
        using var zip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(zip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
