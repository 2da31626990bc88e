using System.Diagnostics;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// The SDK's HTTP handler with a log of every request it sent: when it started, when its answer came, the status
/// and the <c>Retry-After</c> asked for, so a test can check the SDK waited as long as the server asked.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly Lock _gate = new();
    private readonly List<Exchange> _exchanges = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public sealed record Exchange(TimeSpan Started, TimeSpan Answered, int Status, TimeSpan? RetryAfter);

    public IReadOnlyList<Exchange> Exchanges()
    {
        lock (_gate)
        {
            return [.. _exchanges];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _clock.Elapsed;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            Add(new Exchange(started, _clock.Elapsed, (int)response.StatusCode, response.Headers.RetryAfter?.Delta));
            return response;
        }
        catch
        {
            Add(new Exchange(started, _clock.Elapsed, 0, null));
            throw;
        }
    }

    private void Add(Exchange exchange)
    {
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }
    }
}
