using System.Diagnostics;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>Group commit of concurrent appends (see <see cref="AppendGroupedAsync"/>).</summary>
public sealed partial class SqliteOutlayStore
{
    /// <summary>The most events one group commit carries (at least one whole batch): 8,000.</summary>
    private const int MaxGroupEvents = 8_000;

    private readonly AppendQueue _pendingAppends = new(MaxGroupEvents);

    /// <summary>Commits that carried more than one caller's batch (tests read it).</summary>
    internal long GroupCommits { get; private set; }

    /// <summary>CPU time the writer spent in group writes, in nanoseconds, summed (the load tool reads it; 0 off Linux).</summary>
    internal long WriterCpuNanoseconds { get; private set; }

    /// <summary>Wall time the writer spent in group writes, in nanoseconds, summed (the load tool reads it: against the CPU time it shows blocking).</summary>
    internal long WriterWallNanoseconds { get; private set; }

    /// <summary>Wall time group writes waited, under the write lock, for a checkpoint pass so the WAL could restart, in nanoseconds (the load tool reads it).</summary>
    internal long CatchUpWaitNanoseconds { get; private set; }

    /// <summary>The writer's fold and hold counters (see <see cref="EventAppender"/>; the load tool reads them).</summary>
    internal (long Folds, long Rows, long FoldNanoseconds, long HoldNanoseconds) RollupWork =>
        (_appender.Folds, _appender.FoldedRows, _appender.FoldNanoseconds, _appender.HoldNanoseconds);

    /// <summary>Batches waiting for the writer (tests read it).</summary>
    internal int WaitingAppends => _pendingAppends.Count;

    /// <summary>Group commits whose rollup sums their callers merged while they queued (tests read it).</summary>
    internal long MergedGroups => _pendingAppends.MergedGroups;

    /// <summary>Test hook: holds the write lock until the result is disposed, so appends queue up behind it.</summary>
    internal async Task<IDisposable> HoldWriteLockAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteLockRelease(_writeLock);
    }

    /// <summary>
    /// Group commit: the batch waits in a queue; whichever caller gets the write lock appends every waiting batch (up
    /// to <see cref="MaxGroupEvents"/> events) in one transaction, releases the lock, waits until the commit is durable
    /// (<see cref="WalFileSync"/>: the next group already runs meanwhile) and then answers each caller with its own
    /// result. Under concurrent ingest this shares one flush and one set of rollup upserts among several requests; a
    /// lone request is written at once as before. Each caller is answered only after the flush that covers its events.
    /// </summary>
    private async Task<AppendResult> AppendGroupedAsync(QueuedAppend<PreparedBatch?> pending)
    {
        _pendingAppends.Enqueue(pending);

        // Once another caller has taken this batch, its answer comes from that caller; until then, try to write.
        while (!pending.IsTaken && !pending.Result.IsCompleted)
        {
            try
            {
                await _writeLock.WaitAsync(pending.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!pending.TryAbandon())
            {
                // Another caller already took the batch: its answer (committed or not) is on the way.
                break;
            }

            List<GroupOutcome>? written = null;
            long commit = 0;
            try
            {
                if (!pending.IsTaken && !pending.Result.IsCompleted)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    ThrowIfNotInitialized();
                    var waitStart = Stopwatch.GetTimestamp();
                    await LetWalRestartAsync().ConfigureAwait(false);
                    var writeStart = Stopwatch.GetTimestamp();
                    var cpuBefore = ThreadCpuTime.Nanoseconds();
                    written = WriteWaitingGroup();
                    commit = Committed();
                    WriterCpuNanoseconds += ThreadCpuTime.Nanoseconds() - cpuBefore;
                    CatchUpWaitNanoseconds += (long)Stopwatch.GetElapsedTime(waitStart, writeStart).TotalNanoseconds;
                    WriterWallNanoseconds += (long)Stopwatch.GetElapsedTime(writeStart).TotalNanoseconds;
                }
            }
            catch (Exception e) when (pending.TryAbandon())
            {
                // Not taken (the store is closed or not initialised): this caller gets the error itself.
                pending.Fail(e);
            }
            finally
            {
                _writeLock.Release();
            }

            if (written is not null)
            {
                await AnswerAsync(written, commit).ConfigureAwait(false);
            }
        }

        return await pending.Result.ConfigureAwait(false);
    }

    /// <summary>Answers a written group's callers once its commit is durable; a failed flush fails the batches it held.</summary>
    private async Task AnswerAsync(List<GroupOutcome> written, long commit)
    {
        Exception? flushFailure = null;
        if (written.Exists(o => o.Result is not null))
        {
            try
            {
                await _walSync.WaitDurableAsync(commit).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                flushFailure = e;
            }
        }

        foreach (var (pending, result, error) in written)
        {
            if (result is { } stored && flushFailure is null)
            {
                pending.Complete(stored);
            }
            else
            {
                pending.Fail(error ?? flushFailure!);
            }
        }
    }

    /// <summary>
    /// Takes the waiting batches in arrival order and appends them as one group; runs under the write lock. Returns
    /// each taken batch's outcome, not yet told to its caller (the commit is not yet durable).
    /// </summary>
    private List<GroupOutcome> WriteWaitingGroup()
    {
        var (group, sums, mergedCount) = _pendingAppends.Take();
        var outcomes = new List<GroupOutcome>(group.Count);
        try
        {
            if (group.Count > 0)
            {
                WriteGroup(group, sums, mergedCount, outcomes);
            }
        }
        finally
        {
            // Every batch of the group is written or failed: its prepared sums are not read again.
            foreach (var pending in group)
            {
                pending.Prepared?.Release();
            }

            if (sums is not null)
            {
                _pendingAppends.Return(sums);
            }
        }

        return outcomes;
    }

    private void WriteGroup(List<QueuedAppend<PreparedBatch?>> group, BatchRollups? sums, int mergedCount, List<GroupOutcome> outcomes)
    {
        if (group.Count == 1)
        {
            outcomes.Add(AppendAlone(group[0]));
            return;
        }

        AppendResult?[] results;
        try
        {
            results = _appender.AppendGroup(group, sums, mergedCount);
            GroupCommits++;
        }
        catch (Exception)
        {
            // One batch can fail the group (a sum past 2^63-1, a null event): nothing was committed, so each batch is
            // appended on its own and gets its own outcome.
            foreach (var pending in group)
            {
                outcomes.Add(AppendAlone(pending));
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            // No result: the batch was cancelled before its turn and left out.
            outcomes.Add(results[i] is { } result
                ? new GroupOutcome(group[i], result, null)
                : new GroupOutcome(group[i], null, new OperationCanceledException(group[i].CancellationToken)));
        }
    }

    private GroupOutcome AppendAlone(QueuedAppend<PreparedBatch?> pending)
    {
        try
        {
            return new GroupOutcome(pending, _appender.Append(pending.ProjectId, pending.Events, pending.Duplicates, pending.Prepared, pending.CancellationToken), null);
        }
        catch (Exception e)
        {
            return new GroupOutcome(pending, null, e);
        }
    }

    /// <summary>A taken batch's result (stored, not yet durable) or the error it failed with.</summary>
    private readonly record struct GroupOutcome(QueuedAppend<PreparedBatch?> Pending, AppendResult? Result, Exception? Error);

    private sealed class WriteLockRelease(SemaphoreSlim writeLock) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writeLock.Release();
            }
        }
    }
}
