using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse;

/// <summary>Both locks of one append; disposing releases the cross-process lease, then the gate.</summary>
internal sealed class AppendLockHold(SemaphoreSlim gate, IJobLease lease) : IAsyncDisposable
{
    /// <summary>
    /// Whether the cross-process lease is still this process's (a round trip for PostgreSQL): a lease can be lost
    /// without its holder's consent (a dropped connection), and then another process may be checking the same ids.
    /// </summary>
    public Task<bool> CheckAsync(CancellationToken cancellationToken) => lease.CheckAsync(cancellationToken);

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
