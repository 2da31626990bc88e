using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// Concurrent appends that queue behind the writer are committed together (one transaction) and each caller still
/// gets exactly the answer it would have had alone; one failing batch does not fail the others. Batches of one project
/// that queue together have their rollup sums merged by their callers (<see cref="AppendQueue"/>); every rollup row
/// is then exactly what appending the batches one by one writes.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly DateTimeOffset Hour10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private const long Half = (long.MaxValue / 2) + 1;

    [Fact]
    public async Task Queued_batches_are_committed_together_with_each_callers_own_result()
    {
        await using var temp = await TempStore.CreateAsync();
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");
        var first = Events(10, minute: 0);
        var second = Events(10, minute: 20);

        // Stored before: 3 of 'first' are duplicates already in project a, but new in project b.
        await temp.AppendAsync(a, first.Take(3).ToList());

        var appends = new List<Task<AppendResult>>();
        using (await temp.Store.HoldWriteLockAsync(TestContext.Current.CancellationToken))
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
        Assert.Equal(1, temp.Store.GroupCommits);
        Assert.Equal(30L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(20L, await temp.ScalarAsync($"SELECT SUM(events) FROM rollups_hourly WHERE project_id = '{a}';"));
        Assert.Equal(10L, await temp.ScalarAsync($"SELECT SUM(events) FROM rollups_hourly WHERE project_id = '{b}';"));
        Assert.Equal(20L, await temp.ScalarAsync($"SELECT SUM(events) FROM rollups_dim_daily WHERE project_id = '{a}' AND dimension = '';"));
        Assert.Equal(20_000L, await temp.ScalarAsync($"SELECT SUM(cost_nano) FROM rollups_dim_hourly WHERE project_id = '{a}' AND dimension = '';"));
    }

    [Fact]
    public async Task A_batch_that_fails_in_a_group_fails_alone_and_the_others_are_stored()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [Event(Hour10, costNano: Half)]);
        var good = Events(5, minute: 30);
        var later = Events(4, minute: 40);

        var appends = new List<Task<AppendResult>>();
        using (await temp.Store.HoldWriteLockAsync(TestContext.Current.CancellationToken))
        {
            await QueueAsync(temp, appends, project, good);
            await QueueAsync(temp, appends, project, [Event(Hour10.AddMinutes(1), costNano: Half)]); // the hour's cost passes 2^63-1
            await QueueAsync(temp, appends, project, later);
        }

        Assert.Equal(new AppendResult(5, 0), await appends[0]);
        var error = await Assert.ThrowsAsync<OverflowException>(() => appends[1]);
        Assert.Contains("2^63-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(new AppendResult(4, 0), await appends[2]);
        Assert.Equal(0, temp.Store.GroupCommits);
        Assert.Equal(10L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(10L, await temp.ScalarAsync("SELECT SUM(events) FROM rollups_hourly;"));
    }

    [Fact]
    public async Task A_caller_cancelled_while_queued_stores_nothing_and_the_others_are_stored()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        using var cancel = new CancellationTokenSource();

        Task<AppendResult> kept;
        Task<AppendResult> cancelled;
        using (await temp.Store.HoldWriteLockAsync(TestContext.Current.CancellationToken))
        {
            cancelled = Task.Run(() => temp.Store.AppendEventsAsync(project, Events(3, minute: 0), cancel.Token), TestContext.Current.CancellationToken);
            kept = Append(temp, project, Events(6, minute: 10));
            await WaitUntilQueuedAsync(temp.Store, 2);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        }

        Assert.Equal(new AppendResult(6, 0), await kept);
        Assert.Equal(6L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(6L, await temp.ScalarAsync("SELECT SUM(events) FROM rollups_hourly;"));
    }

    [Fact]
    public async Task Sums_merged_by_the_callers_write_the_rollups_of_one_by_one_appends()
    {
        List<PricedEvent>[] batches = [ChatEvent.Mixed(Hour10, 40, minute: 0), ChatEvent.Mixed(Hour10, 25, minute: 40), ChatEvent.Mixed(Hour10, 60, minute: 65)];
        await using var alone = await OneByOneAsync([.. batches.Select(batch => ("app", batch))]);

        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        var appends = new List<Task<AppendResult>>();
        using (await temp.Store.HoldWriteLockAsync(TestContext.Current.CancellationToken))
        {
            foreach (var batch in batches)
            {
                await QueueAsync(temp, appends, project, batch);
            }
        }

        Assert.Equal([new(40, 0), new(25, 0), new(60, 0)], await Task.WhenAll(appends));
        Assert.Equal(1, temp.Store.GroupCommits);
        Assert.Equal(1, temp.Store.MergedGroups);
        Assert.Equal(await RollupRows.ReadAsync(alone), await RollupRows.ReadAsync(temp));
    }

    [Fact]
    public async Task A_duplicate_or_a_cancelled_batch_makes_the_writer_rebuild_merged_sums()
    {
        var stored = ChatEvent.Mixed(Hour10, 10, minute: 0);
        var fresh = ChatEvent.Mixed(Hour10, 30, minute: 10);
        var withRepeats = ChatEvent.Mixed(Hour10, 20, minute: 40);
        var cancelledBatch = ChatEvent.Mixed(Hour10, 15, minute: 80);

        await using var alone = await OneByOneAsync(("app", stored), ("app", fresh), ("app", [.. withRepeats, .. stored.Take(4), .. fresh.Take(3)]));

        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, stored);
        var appends = new List<Task<AppendResult>>();
        using var cancel = new CancellationTokenSource();
        using (await temp.Store.HoldWriteLockAsync(TestContext.Current.CancellationToken))
        {
            await QueueAsync(temp, appends, project, fresh);
            await QueueAsync(temp, appends, project, [.. withRepeats, .. stored.Take(4), .. fresh.Take(3)]);
        }

        Assert.Equal([new(30, 0), new(20, 7)], await Task.WhenAll(appends));
        // The writer got the merged sums; they count the 7 repeats as new, so only a rebuild gives equal rows.
        Assert.Equal(1, temp.Store.MergedGroups);
        Assert.Equal(await RollupRows.ReadAsync(alone), await RollupRows.ReadAsync(temp));

        // A batch cancelled while merged: the writer drops the merged sums and appends the rest without them.
        Task<AppendResult> kept;
        using (await temp.Store.HoldWriteLockAsync(TestContext.Current.CancellationToken))
        {
            var cancelled = Task.Run(() => temp.Store.AppendEventsAsync(project, cancelledBatch, cancel.Token), TestContext.Current.CancellationToken);
            await WaitUntilQueuedAsync(temp.Store, 1);
            kept = Append(temp, project, ChatEvent.Mixed(Hour10, 5, minute: 100));
            await WaitUntilQueuedAsync(temp.Store, 2);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        }

        Assert.Equal(new AppendResult(5, 0), await kept);
        Assert.Equal(1, temp.Store.MergedGroups);
        await alone.AppendAsync(await alone.ProjectAsync("app"), ChatEvent.Mixed(Hour10, 5, minute: 100));
        Assert.Equal(await RollupRows.ReadAsync(alone), await RollupRows.ReadAsync(temp));
    }

    [Fact]
    public async Task Batches_behind_a_merged_head_join_its_commit_with_their_own_sums()
    {
        var first = ChatEvent.Mixed(Hour10, 30, minute: 0);
        var second = ChatEvent.Mixed(Hour10, 20, minute: 30);
        var other = ChatEvent.Mixed(Hour10, 10, minute: 50);
        var last = ChatEvent.Mixed(Hour10, 15, minute: 60);

        await using var alone = await OneByOneAsync(("a", first), ("a", second), ("b", other), ("a", last));

        await using var temp = await TempStore.CreateAsync();
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");
        var appends = new List<Task<AppendResult>>();
        using (await temp.Store.HoldWriteLockAsync(TestContext.Current.CancellationToken))
        {
            // a and a merge; b stops the merging; the last a queues unmerged behind it.
            await QueueAsync(temp, appends, a, first);
            await QueueAsync(temp, appends, a, second);
            await QueueAsync(temp, appends, b, other);
            await QueueAsync(temp, appends, a, last);
        }

        Assert.Equal([new(30, 0), new(20, 0), new(10, 0), new(15, 0)], await Task.WhenAll(appends));
        Assert.Equal(1, temp.Store.GroupCommits);
        Assert.Equal(1, temp.Store.MergedGroups);
        Assert.Equal(await RollupRows.ReadAsync(alone), await RollupRows.ReadAsync(temp));
    }

    /// <summary>A new store into which each batch was appended alone, in order, into the project of that name.</summary>
    private static async Task<TempStore> OneByOneAsync(params (string Project, List<PricedEvent> Events)[] appends)
    {
        var store = await TempStore.CreateAsync();
        foreach (var (project, events) in appends)
        {
            await store.AppendAsync(await store.ProjectAsync(project), events);
        }

        return store;
    }

    private static Task<AppendResult> Append(TempStore temp, string project, IReadOnlyList<PricedEvent> events) =>
        Task.Run(() => temp.AppendAsync(project, events), TestContext.Current.CancellationToken);

    /// <summary>Starts an append and waits until it waits in the store's queue.</summary>
    private static async Task QueueAsync(TempStore temp, List<Task<AppendResult>> appends, string project, IReadOnlyList<PricedEvent> events)
    {
        appends.Add(Append(temp, project, events));
        await WaitUntilQueuedAsync(temp.Store, appends.Count);
    }

    private static async Task WaitUntilQueuedAsync(SqliteOutlayStore store, int count)
    {
        while (store.WaitingAppends < count)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    private static List<PricedEvent> Events(int count, int minute) =>
        [.. Enumerable.Range(0, count).Select(i => Event(Hour10.AddMinutes(minute + i)))];

    private static PricedEvent Event(DateTimeOffset timestamp, long costNano = 1_000) => ChatEvent.At(timestamp, costNano);
}
