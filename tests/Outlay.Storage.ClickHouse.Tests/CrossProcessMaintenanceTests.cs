using Outlay.Core.Storage;
using Outlay.Storage.Sqlite;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// Re-pricing and retention write under the same cross-process append lock as appends: while another process holds
/// the database's job lock in the control store, neither writes anything; once it is released, both finish.
/// </summary>
public sealed class CrossProcessMaintenanceTests
{
    private static readonly DateTimeOffset October = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Re_pricing_waits_for_another_processs_append_lock()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        Assert.Equal(3, (await temp.Store.AppendEventsAsync(project, [.. Enumerable.Range(0, 3).Select(i => Events.Create(Events.Hour10.AddSeconds(i), costNano: 5))], Ct)).Accepted);

        var repricing = await WhileAnotherProcessHoldsTheLockAsync(temp, () => temp.Store.RepriceAsync(
            new RepriceRequest(project, Events.Hour10, Events.Hour10.AddHours(1)),
            _ => new Outlay.Core.Pricing.CostResult(true, 9, new Dictionary<string, long>(), "p", "m"),
            Ct));

        Assert.Equal((3L, 3L), ((await repricing).Examined, (await repricing).Changed));
        Assert.Equal(27L, await temp.ScalarAsync("SELECT toInt64(SUM(cost_nano)) FROM rollups_hourly"));
    }

    [Fact]
    public async Task Retention_waits_for_another_processs_append_lock()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        Assert.Equal(2, (await temp.Store.AppendEventsAsync(project, [Events.Create(October.AddDays(3), costNano: 5), Events.Create(November.AddDays(3), costNano: 5)], Ct)).Accepted);

        var retention = await WhileAnotherProcessHoldsTheLockAsync(temp, () => temp.Store.DeleteEventsBeforeAsync(November, Ct));

        Assert.Equal(1, await retention);
        Assert.Equal(1L, await temp.ScalarAsync("SELECT toInt64(SUM(sign)) FROM events_log"));
    }

    /// <summary>
    /// Takes the append lock's job lock in the control store from a second store object (another process would hold
    /// it the same way), starts <paramref name="write"/>, checks that it neither finishes nor changes the event log
    /// while the lock is held, then releases it and returns the running task.
    /// </summary>
    private static async Task<Task<T>> WhileAnotherProcessHoldsTheLockAsync<T>(TempClickHouseStore temp, Func<Task<T>> write)
    {
        await using var otherControl = SqliteOutlayStore.Open(temp.ControlPath);
        var lease = await otherControl.TryAcquireJobLockAsync(AppendLocks.JobName(temp.Options.Database), Ct);
        Assert.NotNull(lease);
        var before = await temp.ScalarAsync("SELECT toInt64(COUNT(*)) FROM events_log");
        Task<T> running;
        await using (lease)
        {
            running = Task.Run(write, Ct);
            await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
            Assert.False(running.IsCompleted, "the write finished while another process held the append lock");
            Assert.Equal(before, await temp.ScalarAsync("SELECT toInt64(COUNT(*)) FROM events_log"));
        }

        await running.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        return running;
    }
}
