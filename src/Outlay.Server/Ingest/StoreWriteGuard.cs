namespace Outlay.Server.Ingest;

/// <summary>
/// Bounds the ingest writes in flight: a few run against the store, a bounded number wait, and the rest are
/// refused at once (503 with Retry-After) so a slow store sheds load instead of piling up requests and memory.
/// </summary>
internal sealed class StoreWriteGuard : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxWaiting;
    private int _waiting;

    public StoreWriteGuard(int maxConcurrent, int maxWaiting)
    {
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxWaiting = maxWaiting;
    }

    /// <summary>
    /// Whether every write slot is taken and the wait line is full right now, so a new request would be refused.
    /// Checked before a body is read and parsed: under overload, refusing early keeps the CPU for requests that can
    /// still be stored. A request let through may still be refused by <see cref="TryEnterAsync"/>.
    /// </summary>
    public bool IsSaturated => _slots.CurrentCount == 0 && Volatile.Read(ref _waiting) >= _maxWaiting;

    /// <summary>Enters a write slot, waiting if allowed; false when too many writes already wait. Pair with <see cref="Exit"/>.</summary>
    public async Task<bool> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return true;
        }

        if (Interlocked.Increment(ref _waiting) > _maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return false;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Exit() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
