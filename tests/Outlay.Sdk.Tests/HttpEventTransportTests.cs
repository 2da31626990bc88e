using System.Net;
using System.Text;
using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Tests;

public sealed class HttpEventTransportTests
{
    [Fact]
    public async Task Posts_to_v1_events_with_bearer_key_gzip_header_and_json_content_type()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"accepted":1,"duplicates":0,"rejected":[]}""") });
        var options = new OutlayClientOptions { Endpoint = new Uri("https://outlay.test/base/"), IngestKey = "olk_ingest_testonlynotakey", HttpMessageHandler = handler };
        using var transport = new HttpEventTransport(options);

        var response = await transport.SendAsync(Encoding.UTF8.GetBytes("""{"events":[]}"""), gzip: true, TestContext.Current.CancellationToken);

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("\"accepted\":1", Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://outlay.test/base/v1/events"), request.RequestUri);
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal("olk_ingest_testonlynotakey", request.Headers.Authorization.Parameter);
        Assert.Equal(["gzip"], request.Content!.Headers.ContentEncoding);
        Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Passes_status_and_retry_after_through_and_sends_no_authorization_without_a_key()
    {
        var handler = new StubHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(12));
            return response;
        });
        using var transport = new HttpEventTransport(new OutlayClientOptions { HttpMessageHandler = handler });

        var response = await transport.SendAsync(Encoding.UTF8.GetBytes("""{"events":[]}"""), gzip: false, TestContext.Current.CancellationToken);

        Assert.Equal(429, response.StatusCode);
        Assert.Equal("12", response.RetryAfter);
        var request = Assert.Single(handler.Requests);
        Assert.Null(request.Headers.Authorization);
        Assert.Empty(request.Content!.Headers.ContentEncoding);
        Assert.Equal(new Uri("http://127.0.0.1:5318/v1/events"), request.RequestUri);
    }

    [Fact]
    public async Task A_200_with_an_endless_body_is_read_only_up_to_a_cap()
    {
        // An endpoint that is not an Outlay server (or a hostile one) must not make the host buffer its whole answer.
        var body = new EndlessStream();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
        using var transport = new HttpEventTransport(new OutlayClientOptions { HttpMessageHandler = handler });

        var response = await transport.SendAsync(Encoding.UTF8.GetBytes("""{"events":[]}"""), gzip: false, TestContext.Current.CancellationToken);

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.Body.IsEmpty);
        Assert.InRange(body.BytesRead, 1, 64L * 1024 * 1024);
    }

    /// <summary>Spaces without end (up to 1 GiB, so a test without the cap fails instead of running forever).</summary>
    private sealed class EndlessStream : Stream
    {
        private const long Limit = 1024L * 1024 * 1024;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, Limit - BytesRead);
            buffer[..n].Fill((byte)' ');
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(respond(request));
        }
    }
}
