using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// One caller's batch waiting for the append lock. Whichever caller holds the lock takes the waiting batches of one
/// project and duplicate policy (see <see cref="ClickHouseEventAppender"/>'s group commit) and completes each with its
/// own result once the shared insert has returned, so a caller is answered only after its events are written.
/// </summary>
internal sealed class QueuedAppend
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;

    private readonly TaskCompletionSource<AppendResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public QueuedAppend(string projectId, IReadOnlyList<PricedEvent> events, EventRow[] rows, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        ProjectId = projectId;
        Events = events;
        Rows = rows;
        Duplicates = duplicates;
        CancellationToken = cancellationToken;
    }

    public string ProjectId { get; }

    public IReadOnlyList<PricedEvent> Events { get; }

    /// <summary>The events as stored rows, built by the caller before it queued (in parallel with other callers).</summary>
    public EventRow[] Rows { get; }

    public DuplicatePolicy Duplicates { get; }

    public CancellationToken CancellationToken { get; }

    public Task<AppendResult> Result => _result.Task;

    /// <summary>Claims the batch for a write; false when its caller gave up waiting first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    /// <summary>Gives the batch up before any lock holder took it; false when one already has it (its result will come).</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;

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
