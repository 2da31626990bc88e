using System.Diagnostics;
using Outlay.Sdk;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// A host application's steady traffic: calls <see cref="OutlayClient.Track"/> at a fixed rate on one thread until
/// stopped, remembering the id of every event the SDK accepted and counting the ones it refused.
/// </summary>
internal sealed class PacedTracker
{
    private readonly OutlayClient _client;
    private readonly int _perSecond;
    private readonly string _service;
    private readonly List<Guid> _accepted = [];
    private long _attempted;
    private long _refused;

    public PacedTracker(OutlayClient client, int perSecond, string service)
    {
        _client = client;
        _perSecond = perSecond;
        _service = service;
    }

    /// <summary>Track calls made so far.</summary>
    public long Attempted => Interlocked.Read(ref _attempted);

    /// <summary>Track calls that returned false (queue full).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Ids of the events Track accepted; read only after <see cref="RunAsync"/> has finished.</summary>
    public IReadOnlyList<Guid> Accepted => _accepted;

    /// <summary>Tracks on a thread-pool thread until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stop) => Task.Run(async () =>
    {
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * _perSecond);
            while (Attempted < due)
            {
                TrackOne();
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }, CancellationToken.None);

    private void TrackOne()
    {
        var n = Attempted;
        var usage = new UsageEvent
        {
            Provider = "openai",
            Model = "gpt-4o-mini",
            InputTokens = 1000 + (n % 7),
            OutputTokens = 100 + (n % 3),
            Service = _service,
        };
        if (_client.Track(usage))
        {
            _accepted.Add(usage.Id);
        }
        else
        {
            Interlocked.Increment(ref _refused);
        }

        Interlocked.Increment(ref _attempted);
    }
}
