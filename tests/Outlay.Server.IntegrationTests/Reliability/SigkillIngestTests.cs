using Outlay.Testing;
using System.Diagnostics;
using Outlay.Sdk;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Issue 8, loss and duplication: <c>outlay serve</c> (a child process on a SQLite file) is killed with SIGKILL in the
/// middle of sustained ingest from SDK clients and raw HTTP senders, then started again on the same port and file
/// while the clients retry.
/// </summary>
public sealed class SigkillIngestTests
{
    private const int SdkClients = 3;
    private const int SdkEventsPerSecond = 150;
    private const int RawSenders = 2;
    private static readonly TimeSpan BeforeKill = LongTests.Pick(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterRestart = LongTests.Pick(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Every_acknowledged_event_survives_a_SIGKILL_once_and_rollups_equal_a_recount()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await ReliabilityStore.CreateAsync();
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}");
        var serve = ServeChildProcess.Start(["--store", "sqlite:" + store.StorePath], address);
        try
        {
            await serve.WaitUntilListeningAsync();

            var clients = Enumerable.Range(0, SdkClients).Select(_ => new OutlayClient(ClientOptions(address, store.IngestKey))).ToList();
            var trackers = clients.Select((client, i) => new PacedTracker(client, SdkEventsPerSecond, $"sdk-app-{i}")).ToList();
            var senders = Enumerable.Range(0, RawSenders).Select(i => new RawEventSender(address, store.IngestKey, $"raw-sender-{i}")).ToList();
            using var stop = new CancellationTokenSource();
            var traffic = Stopwatch.StartNew();
            var running = trackers.Select(t => t.RunAsync(stop.Token)).Concat(senders.Select(s => s.RunAsync(stop.Token))).ToList();

            await Task.Delay(BeforeKill, ct);
            var failuresBeforeKill = senders.Sum(s => s.FailedAttempts);
            serve.KillHard();
            var killedAt = traffic.Elapsed;
            var acknowledgedBeforeKill = senders.SelectMany(s => s.Acknowledged()).ToList();
            var trackedBeforeKill = trackers.Sum(t => t.Attempted);
            serve.Dispose();

            await Task.Delay(Down, ct);
            var restartedAt = traffic.Elapsed;
            serve = ServeChildProcess.Start(["--store", "sqlite:" + store.StorePath], address);
            await serve.WaitUntilListeningAsync();
            var listeningAgainAt = traffic.Elapsed;

            await Task.Delay(AfterRestart, ct);
            await stop.CancelAsync();
            await Task.WhenAll(running);
            foreach (var client in clients)
            {
                Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(60), ct), "an SDK client did not deliver its backlog within 60 s");
            }

            var stats = clients.Select(c => c.GetStatistics()).ToList();
            var acknowledged = senders.SelectMany(s => s.Acknowledged()).ToList();
            var sdkAccepted = trackers.SelectMany(t => t.Accepted).ToList();
            var stored = StoreRecount.Read(store.StorePath);
            using var api = new ReadApi(address, store.ReadKey);
            var spend = await api.GetSpendTotalsAsync();

            var sent = senders.Sum(s => s.Sent) + trackers.Sum(t => t.Attempted);
            Figures.Print("sigkill-ingest", $"{SdkClients} SDK clients at {SdkEventsPerSecond}/s + {RawSenders} raw senders; SIGKILL at {killedAt.TotalSeconds:0.0} s with {acknowledgedBeforeKill.Count} raw events acknowledged and {trackedBeforeKill} SDK events tracked; restarted at {restartedAt.TotalSeconds:0.0} s, listening at {listeningAgainAt.TotalSeconds:0.0} s; events sent {sent}, acknowledged {acknowledged.Count} raw + {stats.Sum(s => s.Delivered)} SDK, stored {stored.EventRows}, duplicate rows {stored.DuplicateIds}, retried duplicates answered {senders.Sum(s => s.DuplicatesReported)}, failed raw attempts {senders.Sum(s => s.FailedAttempts) - failuresBeforeKill}");

            // The kill really interrupted traffic: acknowledged work before it, failed attempts after it.
            Assert.NotEmpty(acknowledgedBeforeKill);
            Assert.True(senders.Sum(s => s.FailedAttempts) > failuresBeforeKill, "no send failed after the kill, so nothing was interrupted");

            // Every event acknowledged before the kill, and every one acknowledged after, is in the file exactly once.
            Assert.Equal(0, stored.DuplicateIds);
            AssertAllStored(stored, acknowledgedBeforeKill, "raw events acknowledged before the kill");
            AssertAllStored(stored, acknowledged, "raw events acknowledged");
            AssertAllStored(stored, sdkAccepted, "SDK events");
            Assert.All(stats, s => Assert.Equal(s.Enqueued, s.Delivered));
            Assert.All(stats, s => Assert.Equal(0, s.DroppedQueueFull + s.DroppedRejected + s.DroppedSendFailed));
            Assert.Equal(senders.Sum(s => s.Sent), acknowledged.Count);
            Assert.Equal(sent, stored.EventRows);

            // Rollups (which every spend answer reads) equal a recount from the raw events, in the file and through the API.
            Assert.True(stored.EventCostNano > 0, "the events were not priced, so cost agreement would prove nothing");
            Assert.Equal(stored.EventRows, stored.RollupEvents);
            Assert.Equal(stored.EventCostNano, stored.RollupCostNano);
            Assert.Equal(stored.EventInputTokens, stored.RollupInputTokens);
            Assert.Equal(stored.EventOutputTokens, stored.RollupOutputTokens);
            Assert.Equal(stored.EventRows, spend.Events);
            Assert.Equal(stored.EventCostNano / 1_000_000_000m, spend.TotalCostUsd);

            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            senders.ForEach(s => s.Dispose());
        }
        finally
        {
            serve.Dispose();
        }
    }

    private static void AssertAllStored(StoreRecount stored, IReadOnlyList<Guid> ids, string what)
    {
        var missing = ids.Count(id => !stored.RowsById.ContainsKey(id));
        Assert.True(missing == 0, $"{missing} of {ids.Count} {what} are not in the store");
    }

    private static OutlayClientOptions ClientOptions(Uri endpoint, string ingestKey) => new()
    {
        Endpoint = endpoint,
        IngestKey = ingestKey,
        Environment = "test",
        FlushInterval = TimeSpan.FromMilliseconds(200),
        MinRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };
}
