using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Ages out raw events by dropping whole month partitions of the event log on every node; the rollups (hourly, one
/// dimension, price usage, credential usage) keep every hour, and credential places of the dropped months are kept
/// in <c>credential_places_retired</c> (see <see cref="IEventRetention"/> and the README).
/// </summary>
public sealed partial class ClickHouseOutlayStore : IEventRetention
{
    /// <inheritdoc />
    /// <remarks>
    /// Under the database's append lock (this process's gate and the control store's job lock): counts the current events before the cutoff (through the Distributed table on a
    /// cluster, so every shard), then on each node keeps the places of each expired month, drops the month's partition of
    /// the local log and deletes the ledger's ids of those hours (<c>event_ids</c> is not partitioned, so that is an
    /// <c>ALTER TABLE … DELETE</c> mutation, which this call waits for up to the request timeout).
    /// </remarks>
    public Task<long> DeleteEventsBeforeAsync(DateTimeOffset monthStart, CancellationToken cancellationToken = default)
    {
        IEventRetention.ValidateMonthStart(monthStart);
        ThrowIfNotUsable();
        return ClickHouseEventRetention.DeleteBeforeAsync(_http, _options, _control, monthStart, cancellationToken);
    }
}
