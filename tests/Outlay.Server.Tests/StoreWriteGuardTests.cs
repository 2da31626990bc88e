using Outlay.Server.Ingest;

namespace Outlay.Server.Tests;

/// <summary>The store-overload guard that turns a write backlog into 503 instead of unbounded waiting.</summary>
public sealed class StoreWriteGuardTests
{
    [Fact]
    public async Task With_no_waiting_allowed_a_second_writer_is_refused_while_the_first_holds_the_slot()
    {
        using var guard = new StoreWriteGuard(maxConcurrent: 1, maxWaiting: 0);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await guard.TryEnterAsync(ct));
        Assert.False(await guard.TryEnterAsync(ct));
        guard.Exit();
        Assert.True(await guard.TryEnterAsync(ct));
        guard.Exit();
    }

    [Fact]
    public async Task Waiting_writers_are_bounded_and_proceed_in_turn()
    {
        using var guard = new StoreWriteGuard(maxConcurrent: 1, maxWaiting: 1);
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await guard.TryEnterAsync(ct));

        var waiting = guard.TryEnterAsync(ct);
        var refused = await guard.TryEnterAsync(ct);

        Assert.False(waiting.IsCompleted);
        Assert.False(refused);
        guard.Exit();
        Assert.True(await waiting);
        guard.Exit();
    }
}
