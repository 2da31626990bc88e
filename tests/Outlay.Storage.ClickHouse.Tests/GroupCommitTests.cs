using Outlay.Core.Events;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// Appends that queue behind the append lock are written together (one lookup, one insert) and each caller still gets
/// exactly the answer it would have had appending alone in arrival order; a batch that fails in a group fails alone;
/// a caller cancelled while queued stores nothing.
/// </summary>
public sealed class GroupCommitTests
{
    private const long Half = (long.MaxValue / 2) + 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Queued_batches_are_written_together_with_each_callers_own_result(bool cluster)
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster);
        var a = (await temp.Store.EnsureProjectAsync("a", Ct)).Id;
        var b = (await temp.Store.EnsureProjectAsync("b", Ct)).Id;
        var first = Batch(10, minute: 0);
        var second = Batch(10, minute: 20);

        // Stored before: 3 of 'first' are duplicates already in project a, but new in project b.
        await temp.Store.AppendEventsAsync(a, first.Take(3).ToList(), Ct);

        var appends = new List<Task<AppendResult>>();
        using (await HoldAppendGateAsync(temp))
        {
            // Queued one after another, so the group's order (and with it who sees whose ids) is known.
            await QueueAsync(temp, appends, a, first);                                  // 7 new, 3 stored before
            await QueueAsync(temp, appends, b, first);                                  // another project: 10 new
            await QueueAsync(temp, appends, a, [.. second, .. second.Take(2)]);         // 10 new, 2 repeated within the batch
            await QueueAsync(temp, appends, a, [.. first.Skip(5), .. second.Take(5)]);  // all 10 stored by the batches before it
        }

        var results = await Task.WhenAll(appends);

        Assert.Equal(new AppendResult(7, 3), results[0]);
        Assert.Equal(new AppendResult(10, 0), results[1]);
        Assert.Equal(new AppendResult(10, 2), results[2]);
        Assert.Equal(new AppendResult(0, 10), results[3]);

        // Project a's three batches went in as one insert; project b's batch alone.
        Assert.Equal(1, temp.Store.Appender.GroupCommits);
        Assert.Equal(30L, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal(30L, await temp.ScalarAsync("SELECT toInt64(SUM(sign)) FROM events_log"));
        Assert.Equal(20L, await temp.ScalarAsync($"SELECT toInt64(SUM(events)) FROM rollups_hourly WHERE project_id = {ClickHouseSql.Quote(a)}"));
        Assert.Equal(10L, await temp.ScalarAsync($"SELECT toInt64(SUM(events)) FROM rollups_hourly WHERE project_id = {ClickHouseSql.Quote(b)}"));
        Assert.Equal(20_000L, await temp.ScalarAsync($"SELECT toInt64(SUM(cost_nano)) FROM rollups_dim_hourly WHERE project_id = {ClickHouseSql.Quote(a)} AND dimension = ''"));
    }

    [Fact]
    public async Task An_id_in_two_queued_batches_is_stored_once_and_counted_for_the_first()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var shared = Events.Create(Events.Hour10, costNano: 100);
        var retried = Events.Create(Events.Hour10.AddMinutes(1), costNano: 500, id: shared.Event.Id);
        var poorer = Events.Create(Events.Hour10.AddMinutes(2), costNano: 1_000, usage: new TokenUsage(4_000, 4));
        var richer = Events.Create(Events.Hour10.AddMinutes(3), costNano: 300, id: poorer.Event.Id, service: "api", usage: new TokenUsage(4_000, 4, CacheReadTokens: 3_900));

        var appends = new List<Task<AppendResult>>();
        using (await HoldAppendGateAsync(temp))
        {
            await QueueAsync(temp, appends, project, [shared, Events.Create(Events.Hour10.AddMinutes(4), costNano: 1)]);
            await QueueAsync(temp, appends, project, [retried, Events.Create(Events.Hour10.AddMinutes(5), costNano: 2)]);
            await QueueAsync(temp, appends, project, [poorer], DuplicatePolicy.KeepRicher);
            await QueueAsync(temp, appends, project, [richer], DuplicatePolicy.KeepRicher);
        }

        var results = await Task.WhenAll(appends);

        Assert.Equal(new AppendResult(2, 0), results[0]);
        Assert.Equal(new AppendResult(1, 1), results[1]);
        Assert.Equal(new AppendResult(1, 0), results[2]);
        Assert.Equal(new AppendResult(0, 1), results[3]);

        // Two groups (keep-first, then keep-richer); the richer copy replaced the poorer one inside its group, so the
        // log holds it alone: no cancel row was needed.
        Assert.Equal(2, temp.Store.Appender.GroupCommits);
        Assert.Equal(4L, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal(4L, await temp.ScalarAsync("SELECT COUNT(*) FROM events_log"));
        Assert.Equal(100L + 1 + 2 + 300, await temp.ScalarAsync("SELECT toInt64(SUM(cost_nano)) FROM rollups_hourly"));
        Assert.Equal(3_900L, await temp.ScalarAsync("SELECT toInt64(SUM(cache_read_tokens)) FROM rollups_hourly"));
    }

    [Fact]
    public async Task A_batch_that_fails_in_a_group_fails_alone_and_the_others_are_stored()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        await temp.Store.AppendEventsAsync(project, [Events.Create(Events.Hour10, costNano: Half)], Ct);
        var good = Batch(5, minute: 30);
        var later = Batch(4, minute: 40);

        var appends = new List<Task<AppendResult>>();
        using (await HoldAppendGateAsync(temp))
        {
            await QueueAsync(temp, appends, project, good);
            await QueueAsync(temp, appends, project, [Events.Create(Events.Hour10.AddMinutes(1), costNano: Half)]); // the hour's cost passes 2^63-1
            await QueueAsync(temp, appends, project, later);
        }

        Assert.Equal(new AppendResult(5, 0), await appends[0]);
        var error = await Assert.ThrowsAsync<OverflowException>(() => appends[1]);
        Assert.Contains("2^63-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(new AppendResult(4, 0), await appends[2]);
        Assert.Equal(0, temp.Store.Appender.GroupCommits);
        Assert.Equal(10L, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal(10L, await temp.ScalarAsync("SELECT toInt64(SUM(events)) FROM rollups_hourly"));
    }

    [Fact]
    public async Task A_caller_cancelled_while_queued_stores_nothing_and_the_others_are_stored()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        using var cancel = new CancellationTokenSource();

        Task<AppendResult> kept;
        Task<AppendResult> cancelled;
        using (await HoldAppendGateAsync(temp))
        {
            cancelled = Task.Run(() => temp.Store.AppendEventsAsync(project, Batch(3, minute: 0), cancel.Token), Ct);
            await WaitUntilQueuedAsync(temp.Store, 1);
            kept = Task.Run(() => temp.Store.AppendEventsAsync(project, Batch(6, minute: 10), Ct), Ct);
            await WaitUntilQueuedAsync(temp.Store, 2);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.Equal(1, temp.Store.Appender.WaitingAppends);
        }

        Assert.Equal(new AppendResult(6, 0), await kept);
        Assert.Equal(6L, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal(6L, await temp.ScalarAsync("SELECT toInt64(SUM(events)) FROM rollups_hourly"));
    }

    [Fact]
    public async Task Many_concurrent_callers_sending_overlapping_ids_store_each_id_once()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var pool = Batch(200, minute: 0);

        // Eight callers, five batches each of 20 events drawn from one pool of 200 ids: many ids arrive more than once.
        var callers = Enumerable.Range(0, 8).Select(caller => Task.Run(
            async () =>
            {
                var accepted = 0;
                for (var round = 0; round < 5; round++)
                {
                    var batch = Enumerable.Range(0, 20).Select(i => pool[((caller * 37) + (round * 53) + (i * 7)) % pool.Count]).ToList();
                    var result = await temp.Store.AppendEventsAsync(project, batch, Ct);
                    Assert.Equal(batch.Count, result.Accepted + result.Duplicates);
                    accepted += result.Accepted;
                }

                return accepted;
            },
            Ct)).ToList();
        var accepted = (await Task.WhenAll(callers)).Sum();

        var distinct = await temp.ScalarAsync("SELECT COUNT(*) FROM events");
        Assert.Equal(distinct, accepted);
        Assert.Equal(distinct, await temp.ScalarAsync("SELECT toInt64(SUM(sign)) FROM events_log"));
        Assert.Equal(distinct * 1_000, await temp.ScalarAsync("SELECT toInt64(SUM(cost_nano)) FROM rollups_hourly"));
    }

    /// <summary>Starts an append and waits until it waits in the store's queue.</summary>
    private static async Task QueueAsync(
        TempClickHouseStore temp, List<Task<AppendResult>> appends, string project, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates = DuplicatePolicy.KeepFirst)
    {
        appends.Add(Task.Run(() => temp.Store.AppendEventsAsync(project, events, duplicates, Ct), Ct));
        await WaitUntilQueuedAsync(temp.Store, appends.Count);
    }

    /// <summary>Holds the database's in-process append gate until disposed, so appends queue up behind it.</summary>
    private static async Task<IDisposable> HoldAppendGateAsync(TempClickHouseStore temp)
    {
        var gate = AppendLocks.For(temp.Options);
        await gate.WaitAsync(Ct);
        return new GateHold(gate);
    }

    private static async Task WaitUntilQueuedAsync(ClickHouseOutlayStore store, int count)
    {
        while (store.Appender.WaitingAppends < count)
        {
            await Task.Delay(5, Ct);
        }
    }

    private static List<PricedEvent> Batch(int count, int minute) =>
        [.. Enumerable.Range(0, count).Select(i => Events.Create(Events.Hour10.AddMinutes(minute).AddSeconds(i)))];

    private sealed class GateHold(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
