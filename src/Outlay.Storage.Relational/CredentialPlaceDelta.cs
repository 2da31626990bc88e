namespace Outlay.Storage.Relational;

/// <summary>
/// What one append adds to a credential place: the events added (less those removed) and the earliest and latest
/// timestamp added, in Unix milliseconds. With nothing added the bounds stay at the extremes, so MIN/MAX leave the
/// stored ones as they are.
/// </summary>
internal sealed class CredentialPlaceDelta
{
    public long Events { get; private set; }

    public long FirstSeenMs { get; private set; } = long.MaxValue;

    public long LastSeenMs { get; private set; } = long.MinValue;

    public void Add(long timestampMs)
    {
        Events = checked(Events + 1);
        FirstSeenMs = Math.Min(FirstSeenMs, timestampMs);
        LastSeenMs = Math.Max(LastSeenMs, timestampMs);
    }

    /// <summary>Adds another batch's delta for the same place.</summary>
    public void Add(CredentialPlaceDelta other)
    {
        Events = checked(Events + other.Events);
        FirstSeenMs = Math.Min(FirstSeenMs, other.FirstSeenMs);
        LastSeenMs = Math.Max(LastSeenMs, other.LastSeenMs);
    }

    /// <summary>Takes one event back out; its time may have been a bound, so the caller recounts the place.</summary>
    public void Remove() => Events = checked(Events - 1);
}
