namespace Outlay.Sdk.Internal;

/// <summary>Counts of dropped events by the reason the wire contract's <c>dropped</c> object names.</summary>
internal readonly record struct DropCounts(long QueueFull, long RejectedByServer, long SendFailed)
{
    public bool IsEmpty => QueueFull == 0 && RejectedByServer == 0 && SendFailed == 0;
}
