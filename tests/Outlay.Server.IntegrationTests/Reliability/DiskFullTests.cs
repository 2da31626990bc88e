using Outlay.Testing;
using System.Diagnostics;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Issue 8, loss and duplication: <c>outlay serve</c> keeps its SQLite store on a small tmpfs that a filler file
/// then fills to the last byte. Ingest must answer 503 with <c>Retry-After</c> (never a 500, never a partial
/// acknowledgement), the file must stay sound, and ingest must work again as soon as the space comes back.
/// </summary>
public sealed class DiskFullTests
{
    private const int BatchSize = 50;
    private const int MaxBatchesWhileFull = 400;
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_full_disk_answers_503_with_Retry_After_keeps_the_store_sound_and_recovers_when_space_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        using var disk = SmallFilesystem.TryMount(16, out var reason);
        if (disk is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, "CI must run this proof as root: " + reason);
            Assert.Skip(reason);
        }

        using var store = await ReliabilityStore.CreateAsync(disk.Path);
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}");
        using var serve = ServeChildProcess.Start(["--store", "sqlite:" + store.StorePath], address);
        await serve.WaitUntilListeningAsync();
        using var http = IngestProbe.Client(address, store.IngestKey);
        var acknowledged = new List<Guid>();
        var refused = new List<Guid[]>();

        // Before: the store writes normally.
        for (var i = 0; i < 5; i++)
        {
            var ids = IngestProbe.NewIds(BatchSize);
            var answer = await IngestProbe.PostAsync(http, ids, "before-full");
            Assert.True(answer.Status == 200, $"before the disk was full: {answer.Status} {answer.Body}");
            acknowledged.AddRange(ids);
        }

        // Full: every answer is a 200 (SQLite still had room in pages it owns) or a 503 with Retry-After.
        var filler = disk.Fill();
        var statuses = new Dictionary<int, int>();
        var unavailable = 0;
        var acceptedWhileFull = 0;
        var batches = 0;
        while (batches < MaxBatchesWhileFull && unavailable < 20)
        {
            batches++;
            var ids = IngestProbe.NewIds(BatchSize);
            var answer = await IngestProbe.PostAsync(http, ids, "while-full");
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
            switch (answer.Status)
            {
                case 200:
                    acknowledged.AddRange(ids);
                    acceptedWhileFull += ids.Length;
                    break;
                case 503:
                    unavailable++;
                    Assert.True(answer.RetryAfter is { } wait && wait > TimeSpan.Zero, "a 503 without Retry-After: " + answer.Body);
                    Assert.Contains("retry", answer.Body, StringComparison.OrdinalIgnoreCase);
                    refused.Add(ids);
                    break;
                default:
                    Assert.Fail($"while the disk was full ingest answered {answer.Status}: {answer.Body}{Environment.NewLine}{string.Join(Environment.NewLine, serve.Lines)}");
                    break;
            }
        }

        Assert.False(serve.HasExited, "the server exited when the disk filled: " + string.Join(Environment.NewLine, serve.Lines));
        Assert.True(unavailable > 0, $"{batches} batches ({batches * BatchSize} events) fitted on a full disk, so nothing was refused and nothing is proven");

        // Space returns: every refused batch, sent again as a client would, is acknowledged within the deadline.
        File.Delete(filler);
        var recovery = Stopwatch.StartNew();
        var retriesUntilRecovered = 0;
        foreach (var ids in refused)
        {
            while (true)
            {
                var answer = await IngestProbe.PostAsync(http, ids, "while-full");
                if (answer.Status == 200)
                {
                    acknowledged.AddRange(ids);
                    break;
                }

                Assert.True(answer.Status == 503, $"after space returned ingest answered {answer.Status}: {answer.Body}");
                Assert.True(recovery.Elapsed < RecoveryDeadline, $"ingest did not recover within {RecoveryDeadline.TotalSeconds} s of space returning");
                retriesUntilRecovered++;
                await Task.Delay(answer.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
            }
        }

        var firstRecovered = recovery.Elapsed;
        for (var i = 0; i < 5; i++)
        {
            var ids = IngestProbe.NewIds(BatchSize);
            var answer = await IngestProbe.PostAsync(http, ids, "after-full");
            Assert.True(answer.Status == 200, $"after recovery: {answer.Status} {answer.Body}");
            acknowledged.AddRange(ids);
        }

        var integrityWhileRunning = StoreIntegrity.Check(store.StorePath);
        var stored = StoreRecount.Read(store.StorePath);
        using var api = new ReadApi(address, store.ReadKey);
        var spend = await api.GetSpendTotalsAsync();
        serve.KillHard();
        var integrityAfterKill = StoreIntegrity.Check(store.StorePath);
        var storedAfterKill = StoreRecount.Read(store.StorePath);

        Figures.Print("disk-full", $"16 MiB tmpfs filled; {batches} batches of {BatchSize} while full: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"))} ({acceptedWhileFull} events still fitted); {refused.Count} refused batches re-sent after space returned: {retriesUntilRecovered} more 503s, all acknowledged {firstRecovered.TotalSeconds:0.00} s after; acknowledged {acknowledged.Count}, stored {stored.EventRows}, duplicates {stored.DuplicateIds}; integrity_check {integrityWhileRunning} (running), {integrityAfterKill} (after SIGKILL)");

        Assert.Equal("ok", integrityWhileRunning);
        Assert.Equal("ok", integrityAfterKill);
        Assert.Equal(0, stored.DuplicateIds);
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.All(acknowledged, id => Assert.True(stored.RowsById.ContainsKey(id), $"acknowledged event {id} is not stored"));
        Assert.Equal(acknowledged.Count, stored.EventRows);
        Assert.Equal(stored.EventRows, stored.RollupEvents);
        Assert.Equal(stored.EventCostNano, stored.RollupCostNano);
        Assert.Equal(stored.EventInputTokens, stored.RollupInputTokens);
        Assert.Equal(stored.EventOutputTokens, stored.RollupOutputTokens);
        Assert.Equal(stored.EventRows, spend.Events);
        Assert.Equal(stored.EventCostNano / 1_000_000_000m, spend.TotalCostUsd);
        Assert.Equal(stored.EventRows, storedAfterKill.EventRows);
        Assert.Equal(storedAfterKill.EventRows, storedAfterKill.RollupEvents);
    }
}
