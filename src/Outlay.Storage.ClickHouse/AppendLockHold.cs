using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse;

/// <summary>Both locks of one append; disposing releases the cross-process lease, then the gate.</summary>
internal sealed class AppendLockHold(SemaphoreSlim gate, IJobLease lease) : IAsyncDisposable
{
    /// <summary>
    /// Whether the cross-process lease is still this process's (a round trip for PostgreSQL): a lease can be lost
    /// without its holder's consent (a dropped connection).
    /// </summary>
    public Task<bool> CheckAsync(CancellationToken cancellationToken) => lease.CheckAsync(cancellationToken);

    /// <summary>
    /// Throws unless the cross-process lease is still held; called just before a write, because a lease lost since it
    /// was taken may be another process's now, and that process may be checking the same ids.
    /// </summary>
    /// <exception cref="ClickHouseException">The lease was lost; the caller writes nothing.</exception>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        if (!await CheckAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ClickHouseException("The append lock of this ClickHouse database was lost before the write; nothing was stored.", null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
