using System.Collections.Concurrent;

namespace Outlay.Sdk.Tests.Support;

/// <summary>
/// Records every timer the client asks for, then runs it 1000 times faster on the real clock, so tests can
/// check which delays were chosen without waiting for them. Optionally freezes the wall clock.
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly DateTimeOffset? _frozenNow;

    public RecordingTimeProvider(DateTimeOffset? frozenNow = null)
    {
        _frozenNow = frozenNow;
    }

    public ConcurrentQueue<TimeSpan> RequestedDelays { get; } = new();

    public override DateTimeOffset GetUtcNow() => _frozenNow ?? base.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        RequestedDelays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, Shrink(dueTime), Shrink(period));
    }

    private static TimeSpan Shrink(TimeSpan value) =>
        value <= TimeSpan.Zero ? value : TimeSpan.FromTicks(Math.Max(1, value.Ticks / 1000));
}
