using System.Collections.Concurrent;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>Group commit of concurrent appends (see <see cref="AppendGroupedAsync"/>).</summary>
public sealed partial class SqliteOutlayStore
{
    /// <summary>The most events one group commit carries (at least one whole batch): 8,000.</summary>
    private const int MaxGroupEvents = 8_000;

    private readonly ConcurrentQueue<QueuedAppend<PreparedBatch?>> _pendingAppends = new();

    /// <summary>Commits that carried more than one caller's batch (tests read it).</summary>
    internal long GroupCommits { get; private set; }

    /// <summary>CPU time the writer spent in group writes, in nanoseconds, summed (the load tool reads it; 0 off Linux).</summary>
    internal long WriterCpuNanoseconds { get; private set; }

    /// <summary>Batches waiting for the writer (tests read it).</summary>
    internal int WaitingAppends => _pendingAppends.Count;

    /// <summary>Test hook: holds the write lock until the result is disposed, so appends queue up behind it.</summary>
    internal async Task<IDisposable> HoldWriteLockAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteLockRelease(_writeLock);
    }

    /// <summary>
    /// Group commit: the batch waits in a queue; whichever caller gets the write lock appends every waiting batch (up
    /// to <see cref="MaxGroupEvents"/> events) in one transaction, then answers each caller with its own result. Under
    /// concurrent ingest this shares one fsync and one set of rollup upserts among several requests; a lone request is
    /// written at once as before. Each caller is still answered only after the commit that holds its events.
    /// </summary>
    private async Task<AppendResult> AppendGroupedAsync(QueuedAppend<PreparedBatch?> pending)
    {
        _pendingAppends.Enqueue(pending);
        while (!pending.Result.IsCompleted)
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

            try
            {
                if (!pending.Result.IsCompleted)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    ThrowIfNotInitialized();
                    var cpuBefore = ThreadCpuTime.Nanoseconds();
                    WriteWaitingGroup();
                    WriterCpuNanoseconds += ThreadCpuTime.Nanoseconds() - cpuBefore;
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
        }

        return await pending.Result.ConfigureAwait(false);
    }

    /// <summary>Takes the waiting batches in arrival order and appends them as one group; runs under the write lock.</summary>
    private void WriteWaitingGroup()
    {
        var group = new List<QueuedAppend<PreparedBatch?>>();
        var events = 0;
        while (events < MaxGroupEvents && _pendingAppends.TryPeek(out var next))
        {
            if (group.Count > 0 && events + next.Events.Count > MaxGroupEvents)
            {
                break;
            }

            _pendingAppends.TryDequeue(out _);
            if (next.TryTake())
            {
                group.Add(next);
                events += next.Events.Count;
            }
        }

        if (group.Count == 0)
        {
            return;
        }

        try
        {
            WriteGroup(group);
        }
        finally
        {
            // Every batch of the group is answered: its prepared sums are not read again.
            foreach (var pending in group)
            {
                pending.Prepared?.Release();
            }
        }
    }

    private void WriteGroup(List<QueuedAppend<PreparedBatch?>> group)
    {
        if (group.Count == 1)
        {
            AppendAlone(group[0]);
            return;
        }

        try
        {
            _appender.AppendGroup(group);
            GroupCommits++;
        }
        catch (Exception)
        {
            // One batch can fail the group (a sum past 2^63-1, a null event): nothing was committed, so each batch is
            // appended on its own and gets its own outcome.
            foreach (var pending in group)
            {
                AppendAlone(pending);
            }
        }
    }

    private void AppendAlone(QueuedAppend<PreparedBatch?> pending)
    {
        try
        {
            pending.Complete(_appender.Append(pending.ProjectId, pending.Events, pending.Duplicates, pending.Prepared, pending.CancellationToken));
        }
        catch (Exception e)
        {
            pending.Fail(e);
        }
    }

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
