using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>
/// Job locks (<see cref="IJobLock"/>) between two stores on one database, as two server processes would hold them.
/// Killing a holder's process is proven by the multi-process server tests; here the engine takes the lock away from
/// outside (<see cref="BreakHolderAsync"/>) and the holder must notice while the other store takes over.
/// </summary>
public abstract class JobLockTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exactly_one_of_two_stores_acquires_and_release_lets_the_other_acquire()
    {
        await using var temp = await CreateStoreAsync();
        await using var second = await temp.OpenSecondStoreAsync();

        var first = await temp.Store.TryAcquireJobLockAsync("background-jobs", Ct);
        Assert.NotNull(first);
        Assert.True(first.IsHeld);
        Assert.Equal("background-jobs", first.Name);
        Assert.Null(await second.TryAcquireJobLockAsync("background-jobs", Ct));
        Assert.True(await first.CheckAsync(Ct));

        await first.DisposeAsync();
        Assert.False(first.IsHeld);
        Assert.False(await first.CheckAsync(Ct));

        await using var taken = await second.TryAcquireJobLockAsync("background-jobs", Ct);
        Assert.NotNull(taken);
        Assert.Null(await temp.Store.TryAcquireJobLockAsync("background-jobs", Ct));
    }

    [Fact]
    public async Task The_lock_is_exclusive_within_one_store_too_and_names_are_independent()
    {
        await using var temp = await CreateStoreAsync();

        await using var held = await temp.Store.TryAcquireJobLockAsync("detection", Ct);
        Assert.NotNull(held);
        Assert.Null(await temp.Store.TryAcquireJobLockAsync("detection", Ct));
        await using var other = await temp.Store.TryAcquireJobLockAsync("reconciliation", Ct);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task A_holder_that_loses_its_lock_reports_it_and_the_other_store_takes_over()
    {
        await using var temp = await CreateStoreAsync();
        await using var second = await temp.OpenSecondStoreAsync();
        await using var holder = await temp.Store.TryAcquireJobLockAsync("background-jobs", Ct);
        Assert.NotNull(holder);
        Assert.Null(await second.TryAcquireJobLockAsync("background-jobs", Ct));

        await BreakHolderAsync(temp, "background-jobs");

        Assert.False(await holder.CheckAsync(Ct));
        Assert.False(holder.IsHeld);
        await using var successor = await second.TryAcquireJobLockAsync("background-jobs", Ct);
        Assert.NotNull(successor);
        Assert.True(await successor.CheckAsync(Ct));
        Assert.False(await holder.CheckAsync(Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Detection")]
    [InlineData("../escape")]
    [InlineData("job lock")]
    public async Task A_name_outside_the_rule_is_refused(string name)
    {
        await using var temp = await CreateStoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.TryAcquireJobLockAsync(name, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.TryAcquireJobLockAsync(new string('a', JobLockName.MaxLength + 1), Ct));
    }

    /// <summary>
    /// Takes the lock <paramref name="name"/> away from its holder the way a failure would (PostgreSQL: its session is
    /// terminated by the server; SQLite: its lock file is deleted), without the holder's help.
    /// </summary>
    protected abstract Task BreakHolderAsync(ConformanceStore temp, string name);
}
