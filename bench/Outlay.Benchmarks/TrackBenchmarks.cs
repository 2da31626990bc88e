using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Outlay.Sdk;

namespace Outlay.Benchmarks;

/// <summary>
/// The cost an application pays per AI call: <see cref="OutlayClient.Track"/> beside an OpenTelemetry-style
/// span (<see cref="ActivitySource.StartActivity(string, ActivityKind)"/> + Stop, sampled AllData).
/// Each invocation does <see cref="Batch"/> operations and then drains the queue (that drain, a few ns per
/// event, is included in the Track figures).
/// </summary>
[MemoryDiagnoser]
public class TrackBenchmarks
{
    private const int Batch = 1000;

    private readonly UsageEvent[] _drained = new UsageEvent[Batch];
    private OutlayClient _client = null!;
    private UsageEvent _event = null!;
    private ActivitySource _source = null!;
    private ActivityListener _listener = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new OutlayClientOptions
        {
            MaxQueueSize = 4 * Batch,
            MaxBatchSize = 500,
            RequestTimeout = TimeSpan.FromDays(1),
            ShutdownTimeout = TimeSpan.Zero,
        };
        _client = new OutlayClient(options, new StalledTransport(), TimeProvider.System);
        _event = new UsageEvent
        {
            Provider = "openai",
            Model = "gpt-4o-mini-2024-07-18",
            InputTokens = 1200,
            OutputTokens = 300,
            Tags = new Dictionary<string, string> { ["feature"] = "summarize" },
        };
        // The first event goes out eagerly and stalls the loop in its send; wait until it has taken it.
        _client.Track(_event);
        SpinWait.SpinUntil(() => _client.Queue.DequeuedCount == 1, TimeSpan.FromSeconds(10));

        _source = new ActivitySource("Outlay.Benchmarks");
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Outlay.Benchmarks",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener.Dispose();
        _source.Dispose();
        // Proof that the figures are the enqueue path: nothing may have been dropped for a full queue.
        var statistics = _client.GetStatistics();
        Console.WriteLine($"// Outlay client: enqueued {statistics.Enqueued}, dropped (queue full) {statistics.DroppedQueueFull}");
        _client.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void Activity_StartStop()
    {
        for (var i = 0; i < Batch; i++)
        {
            using var activity = _source.StartActivity("chat gpt-4o-mini");
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public bool Track_PrebuiltEvent()
    {
        var accepted = true;
        for (var i = 0; i < Batch; i++)
        {
            accepted &= _client.Track(_event);
        }

        _client.Queue.DrainTo(_drained);
        return accepted;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public bool Track_AssignsIdAndTimestamp()
    {
        var accepted = true;
        for (var i = 0; i < Batch; i++)
        {
            _event.Id = Guid.Empty;
            _event.Timestamp = default;
            accepted &= _client.Track(_event);
        }

        _client.Queue.DrainTo(_drained);
        return accepted;
    }
}
