using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace Outlay.Sdk.Tests.Support;

/// <summary>
/// An HTTP handler standing in for the Outlay server's <c>GET /api/v1/budgets/status</c>: answers each request with
/// what <see cref="Respond"/> returns (a recorded answer by default) and records every request. Event posts get 200.
/// </summary>
internal sealed class StatusHandler : HttpMessageHandler
{
    private readonly Channel<HttpRequestMessage> _arrived = Channel.CreateUnbounded<HttpRequestMessage>();
    private int _statusRequests;

    /// <summary>Builds the answer to the n-th (0-based) status request. Default: <see cref="RecordedStatus.Body"/> with 200.</summary>
    public Func<int, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } = (_, _) => Task.FromResult(Json(RecordedStatus.Body));

    public ConcurrentQueue<HttpRequestMessage> StatusRequests { get; } = new();

    public int StatusRequestCount => Volatile.Read(ref _statusRequests);

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Status(HttpStatusCode status, string? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }

    /// <summary>The next status request to arrive, waiting at most 10 seconds (a test failure rather than a hang).</summary>
    public async Task<HttpRequestMessage> NextStatusRequestAsync() =>
        await _arrived.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath != "/api/v1/budgets/status")
        {
            return Json("{\"accepted\":0,\"duplicates\":0,\"rejected\":[]}");
        }

        var index = Interlocked.Increment(ref _statusRequests) - 1;
        StatusRequests.Enqueue(request);
        _arrived.Writer.TryWrite(request);
        return await Respond(index, cancellationToken);
    }
}
