namespace Outlay.Server.Tests.BudgetProof;

/// <summary>
/// A wall clock that stands still until the test sets or advances it. Timers it creates never fire, so a server's
/// background alert loop runs only its first pass at start-up and otherwise only when the test calls it.
/// </summary>
internal sealed class ProofClock : TimeProvider
{
    private long _utcTicks;

    public ProofClock(DateTimeOffset start) => Set(start);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset instant) => Interlocked.Exchange(ref _utcTicks, instant.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new IdleTimer();

    private sealed class IdleTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
