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
