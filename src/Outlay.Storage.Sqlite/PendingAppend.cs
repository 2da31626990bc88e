using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// One caller's batch waiting for the writer. Whichever caller holds the write lock takes every waiting batch (see
/// <see cref="SqliteOutlayStore"/>'s group commit) and completes each with its own result after the shared commit, so
/// a caller is answered only once its events are durable.
/// </summary>
internal sealed class PendingAppend
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;

    private readonly TaskCompletionSource<AppendResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public PendingAppend(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        ProjectId = projectId;
        Events = events;
        Duplicates = duplicates;
        CancellationToken = cancellationToken;
    }

    public string ProjectId { get; }

    public IReadOnlyList<PricedEvent> Events { get; }

    public DuplicatePolicy Duplicates { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The batch's work computed before it queued (off the writer), or null when the writer does it all.</summary>
    public PreparedBatch? Prepared { get; init; }

    public Task<AppendResult> Result => _result.Task;

    /// <summary>Claims the batch for a write; false when its caller gave up waiting first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    /// <summary>Gives the batch up before any writer took it; false when a writer already has it (its result will come).</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;

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
