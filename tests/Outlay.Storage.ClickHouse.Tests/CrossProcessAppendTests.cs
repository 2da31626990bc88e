using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// Two stores on one ClickHouse database that share no in-process gate (as two <c>outlay serve</c> processes) append
/// the same event ids at the same moment, round after round: the control store's job lock serializes them, so each
/// id is accepted once and stored once.
/// </summary>
public sealed class CrossProcessAppendTests
{
    private const int Rounds = 20;
    private const int EventsPerRound = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_ids_appended_at_once_by_two_processes_are_stored_once(bool cluster)
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster);
        await using var other = await temp.OpenStoreAsync();
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        long accepted = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var batch = Enumerable.Range(0, EventsPerRound).Select(i => Events.Create(Events.Hour10.AddSeconds(i), costNano: 7)).ToList();
            using var start = new Barrier(2);
            var results = await Task.WhenAll(
                AppendAsProcessAsync("a", temp.Store, project, batch, start),
                AppendAsProcessAsync("b", other, project, batch, start));
            Assert.Equal(EventsPerRound, results.Sum(r => r.Accepted));
            accepted += results.Sum(r => r.Accepted);
        }

        Assert.Equal(Rounds * EventsPerRound, accepted);
        Assert.Equal((long)Rounds * EventsPerRound, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal((long)Rounds * EventsPerRound, await temp.ScalarAsync("SELECT toInt64(SUM(sign)) FROM events_log"));
        Assert.Equal(7L * Rounds * EventsPerRound, await temp.ScalarAsync("SELECT toInt64(SUM(cost_nano)) FROM rollups_hourly"));
    }

    [Fact]
    public async Task A_failed_append_releases_the_lock_for_the_other_process()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        await using var other = await temp.OpenStoreAsync();
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var huge = Events.Create(Events.Hour10, costNano: long.MaxValue);
        Assert.Equal(1, (await temp.Store.AppendEventsAsync(project, [huge], Ct)).Accepted);

        // Refused (the hour's cost would pass 2^63-1) after the lock was taken; the other process must get it at once.
        await Assert.ThrowsAsync<OverflowException>(() => AppendAsProcessAsync("a", temp.Store, project, [Events.Create(Events.Hour10, costNano: 1)], start: null));
        using var quick = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        quick.CancelAfter(TimeSpan.FromSeconds(20));
        var next = await Task.Run(
            async () =>
            {
                AppendLocks.SeparateProcessForTests.Value = "b";
                return await other.AppendEventsAsync(project, [Events.Create(Events.Hour10.AddHours(1), costNano: 1)], quick.Token);
            },
            Ct);
        Assert.Equal(1, next.Accepted);
    }

    /// <summary>Appends from a flow whose in-process gate is <paramref name="process"/>'s own, after both flows reach <paramref name="start"/>.</summary>
    private static Task<AppendResult> AppendAsProcessAsync(string process, ClickHouseOutlayStore store, string project, List<PricedEvent> batch, Barrier? start) =>
        Task.Run(
            async () =>
            {
                AppendLocks.SeparateProcessForTests.Value = process;
                start?.SignalAndWait(Ct);
                return await store.AppendEventsAsync(project, batch, Ct);
            },
            Ct);
}
