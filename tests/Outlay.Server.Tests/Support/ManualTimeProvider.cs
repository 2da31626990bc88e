namespace Outlay.Server.Tests.Support;

/// <summary>A clock that moves only when told to, for the token bucket.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _timestamp = 1_000_000;

    public override long TimestampFrequency => 1_000;

    public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, (long)by.TotalMilliseconds);
}
