namespace Outlay.Sdk.Internal;

/// <summary>
/// Totals of dropped events, and how much of them the server has acknowledged, so each drop is reported
/// once: a body carries <c>total - acknowledged</c>, and a 200 response moves that into acknowledged.
/// </summary>
internal sealed class DropLedger
{
    // Concurrent: incremented by Track (queue full) and by the delivery loop.
    private long _queueFull;
    private long _rejected;
    private long _sendFailed;

    // Delivery loop only.
    private DropCounts _acknowledged;

    public DropCounts Totals => new(Volatile.Read(ref _queueFull), Volatile.Read(ref _rejected), Volatile.Read(ref _sendFailed));

    public void AddQueueFull() => Interlocked.Increment(ref _queueFull);

    public void AddRejected(long count) => Interlocked.Add(ref _rejected, count);

    public void AddSendFailed(long count) => Interlocked.Add(ref _sendFailed, count);

    /// <summary>What has not yet been acknowledged by the server.</summary>
    public DropCounts Unreported()
    {
        var totals = Totals;
        return new DropCounts(
            totals.QueueFull - _acknowledged.QueueFull,
            totals.RejectedByServer - _acknowledged.RejectedByServer,
            totals.SendFailed - _acknowledged.SendFailed);
    }

    /// <summary>Records that the server stored a report of <paramref name="reported"/>.</summary>
    public void Acknowledge(DropCounts reported) =>
        _acknowledged = new DropCounts(
            _acknowledged.QueueFull + reported.QueueFull,
            _acknowledged.RejectedByServer + reported.RejectedByServer,
            _acknowledged.SendFailed + reported.SendFailed);
}
