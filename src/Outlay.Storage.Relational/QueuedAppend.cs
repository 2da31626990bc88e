using Outlay.Core.Storage;

namespace Outlay.Storage.Relational;

/// <summary>
/// One caller's batch waiting for an engine's writer (SQLite's write lock, ClickHouse's append lock). Whichever caller
/// holds the lock takes the waiting batches (group commit) and completes each with its own result once the shared write
/// has returned, so a caller is answered only after its events are stored. Taking and abandoning race safely: exactly
/// one of them wins.
/// </summary>
/// <typeparam name="TPrepared">What the caller computed before it queued, off the writer (the engine's own form).</typeparam>
internal sealed class QueuedAppend<TPrepared>
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;

    private readonly TaskCompletionSource<AppendResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public QueuedAppend(string projectId, IReadOnlyList<PricedEvent> events, TPrepared prepared, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        ProjectId = projectId;
        Events = events;
        Prepared = prepared;
        Duplicates = duplicates;
        CancellationToken = cancellationToken;
    }

    public string ProjectId { get; }

    public IReadOnlyList<PricedEvent> Events { get; }

    /// <summary>The batch's work computed by its caller before it queued (in parallel with other callers).</summary>
    public TPrepared Prepared { get; }

    public DuplicatePolicy Duplicates { get; }

    public CancellationToken CancellationToken { get; }

    public Task<AppendResult> Result => _result.Task;

    /// <summary>Claims the batch for a write; false when its caller gave up waiting first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    /// <summary>Gives the batch up before any lock holder took it; false when one already has it (its result will come).</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;

    /// <summary>True once a lock holder took the batch: its answer comes from that holder.</summary>
    public bool IsTaken => Volatile.Read(ref _state) == Taken;

    /// <summary>True once abandoned by its caller: a lock holder skips it.</summary>
    public bool IsAbandoned => Volatile.Read(ref _state) == Abandoned;

    public void Complete(AppendResult result) => _result.TrySetResult(result);

    public void Fail(Exception exception)
    {
        if (exception is OperationCanceledException cancelled)
        {
            _result.TrySetCanceled(cancelled.CancellationToken);
        }
        else
        {
            _result.TrySetException(exception);
        }
    }
}
