using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Raw ingest load over several ingest keys: closed loop (each worker sends its next batch when the last is answered,
/// which measures capacity) or open loop (batches start on a fixed schedule whatever the server answers, which is
/// how real overload arrives). Refused batches are not retried; every answer is tallied and every acknowledged id kept.
/// </summary>
internal sealed class LoadDriver : IDisposable
{
    public const int BatchSize = 100;
    public const int MaxOutstanding = 2_000;

    private readonly HttpClient[] _clients;
    private readonly ConcurrentBag<Guid> _acknowledged = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private long _refusalsWithoutRetryAfter;
    private long _ambiguous;
    private long _overrun;
    private int _next;
    private int _mostInFlight;

    public LoadDriver(Uri address, IReadOnlyList<string> ingestKeys) =>
        _clients = [.. ingestKeys.Select(key => IngestProbe.Client(address, key))];

    public IReadOnlyCollection<Guid> Acknowledged => _acknowledged;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>Batches answered 429 or 503 so far.</summary>
    public long Refusals => _statuses.GetValueOrDefault(429) + _statuses.GetValueOrDefault(503);

    public long RefusalsWithoutRetryAfter => Interlocked.Read(ref _refusalsWithoutRetryAfter);

    /// <summary>Batches with no answer (timeout, reset): they may or may not be stored.</summary>
    public long Ambiguous => Interlocked.Read(ref _ambiguous);

    /// <summary>Open-loop batches not started because <see cref="MaxOutstanding"/> were already in flight.</summary>
    public long Overrun => Interlocked.Read(ref _overrun);

    /// <summary>The most open-loop batches in flight at once.</summary>
    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    public IEnumerable<string> Unexpected => _unexpected;

    public string StatusSummary => string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"));

    /// <summary>Closed loop: <paramref name="workers"/> back-to-back senders for <paramref name="duration"/>; returns acknowledged events per second.</summary>
    public async Task<double> RunClosedLoopAsync(int workers, TimeSpan duration, string service)
    {
        var before = _acknowledged.Count;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await SendOneAsync(service);
            }
        })));
        return (_acknowledged.Count - before) / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Open loop at <paramref name="eventsPerSecond"/> for <paramref name="duration"/>; returns acknowledged events per second over the time to the last answer.</summary>
    public async Task<double> RunOpenLoopAsync(double eventsPerSecond, TimeSpan duration, string service)
    {
        var before = _acknowledged.Count;
        var batchesPerSecond = eventsPerSecond / BatchSize;
        var inFlight = new List<Task>();
        var outstanding = 0;
        var clock = Stopwatch.StartNew();
        long started = 0;
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * batchesPerSecond);
            for (; started < due; started++)
            {
                if (Volatile.Read(ref outstanding) >= MaxOutstanding)
                {
                    Interlocked.Increment(ref _overrun);
                    continue;
                }

                var now = Interlocked.Increment(ref outstanding);
                if (now > _mostInFlight)
                {
                    _mostInFlight = now;
                }

                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendOneAsync(service);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref outstanding);
                    }
                }));
            }

            await Task.Delay(5, CancellationToken.None);
        }

        await Task.WhenAll(inFlight);
        return (_acknowledged.Count - before) / clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task SendOneAsync(string service)
    {
        var client = _clients[(int)((uint)Interlocked.Increment(ref _next) % (uint)_clients.Length)];
        var ids = IngestProbe.NewIds(BatchSize);
        var answer = await IngestProbe.PostAsync(client, ids, service);
        _statuses.AddOrUpdate(answer.Status, 1, static (_, n) => n + 1);
        switch (answer.Status)
        {
            case 200:
                using (var document = JsonDocument.Parse(answer.Body))
                {
                    var root = document.RootElement;
                    if (root.GetProperty("accepted").GetInt32() + root.GetProperty("duplicates").GetInt32() != ids.Length)
                    {
                        _unexpected.Enqueue("partial acknowledgement: " + answer.Body);
                        return;
                    }
                }

                foreach (var id in ids)
                {
                    _acknowledged.Add(id);
                }

                break;
            case 429 or 503:
                if (answer.RetryAfter is not { } wait || wait <= TimeSpan.Zero)
                {
                    Interlocked.Increment(ref _refusalsWithoutRetryAfter);
                }

                break;
            case 0:
                Interlocked.Increment(ref _ambiguous);
                break;
            default:
                _unexpected.Enqueue($"{answer.Status}: {answer.Body}");
                break;
        }
    }
}
