using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// The batches waiting for the single writer, in arrival order, and the rollup sums of those at its head, merged by
/// their callers as they queue. Merging a batch's sums into the group's is the writer's only work that needs no
/// SQLite; done here it runs on the callers' threads while the writer is still busy with the previous group.
/// </summary>
/// <remarks>
/// The merged batches are always a prefix of the queue: merging starts when a batch finds the queue empty and stops at
/// the first batch that cannot join (another project, no prepared sums, or past <c>maxEvents</c>) until the queue has
/// drained. The writer then takes the merged batches with their sums, followed by the batches behind them (up to
/// <c>maxEvents</c> events in all), whose sums it merges itself as before. Sums are only a head start: the writer uses
/// them only when every merged batch was taken and every event turned out new (see <see cref="EventAppender.AppendGroup"/>).
/// </remarks>
internal sealed class AppendQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<QueuedAppend<PreparedBatch?>> _waiting = new();
    private readonly List<QueuedAppend<PreparedBatch?>> _merged = [];
    private readonly int _maxEvents;
    private BatchRollups _sums = new();
    private BatchRollups? _spare;
    private int _mergedEvents;
    private bool _merging;

    /// <param name="maxEvents">The most events one group carries (at least one whole batch).</param>
    public AppendQueue(int maxEvents)
    {
        _maxEvents = maxEvents;
    }

    /// <summary>Batches waiting for the writer.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Groups the writer took with their callers' merged sums (tests read it).</summary>
    public long MergedGroups { get; private set; }

    /// <summary>Queues <paramref name="pending"/> and, while it can join the merged head, adds its sums to the head's.</summary>
    public void Enqueue(QueuedAppend<PreparedBatch?> pending)
    {
        lock (_lock)
        {
            if (_waiting.Count == 0)
            {
                _merging = true;
            }

            _waiting.Enqueue(pending);
            if (!_merging)
            {
                return;
            }

            if (pending.Prepared is not { } prepared
                || (_merged.Count > 0 && !string.Equals(_merged[0].ProjectId, pending.ProjectId, StringComparison.Ordinal))
                || (_merged.Count > 0 && _mergedEvents + pending.Events.Count > _maxEvents))
            {
                _merging = false;
                return;
            }

            try
            {
                // A lone batch is written with its own sums; copying starts when a second one joins it.
                if (_merged.Count == 1)
                {
                    _sums.Add(_merged[0].Prepared!.Rollups);
                }

                if (_merged.Count > 0)
                {
                    _sums.Add(prepared.Rollups);
                }
            }
            catch (OverflowException)
            {
                // The writer fails only that batch, alone; the sums merged so far are no longer usable.
                _merging = false;
                _sums.Clear();
                _merged.Clear();
                _mergedEvents = 0;
                return;
            }

            _merged.Add(pending);
            _mergedEvents += pending.Events.Count;
        }
    }

    /// <summary>
    /// Takes the next group in arrival order, up to <c>maxEvents</c> events (at least one batch): when two or more
    /// batches were merged, it starts with them and their sums (null sums when one of them was abandoned, so they hold
    /// too much); the batches behind them follow without sums. Abandoned batches are dropped. Hand the sums back with
    /// <see cref="Return"/> once written.
    /// </summary>
    /// <returns>The batches, the merged sums or null, and how many batches from the first the sums cover.</returns>
    public (List<QueuedAppend<PreparedBatch?>> Group, BatchRollups? Sums, int MergedCount) Take()
    {
        var group = new List<QueuedAppend<PreparedBatch?>>();
        BatchRollups? sums = null;
        var events = 0;
        lock (_lock)
        {
            if (_merged.Count > 1)
            {
                var allTaken = true;
                foreach (var merged in _merged)
                {
                    _waiting.Dequeue();
                    if (merged.TryTake())
                    {
                        group.Add(merged);
                        events += merged.Events.Count;
                    }
                    else
                    {
                        allTaken = false;
                    }
                }

                sums = _sums;
                _sums = _spare ?? new BatchRollups();
                _spare = null;
                if (allTaken)
                {
                    MergedGroups++;
                }
                else
                {
                    KeepSpare(sums);
                    sums = null;
                }
            }

            // One merged batch has copied no sums yet: it is taken with the batches behind it, as without merging.
            var mergedCount = sums is null ? 0 : group.Count;
            _merged.Clear();
            _mergedEvents = 0;
            while (events < _maxEvents && _waiting.TryPeek(out var next))
            {
                if (group.Count > 0 && events + next.Events.Count > _maxEvents)
                {
                    break;
                }

                _waiting.Dequeue();
                if (next.TryTake())
                {
                    group.Add(next);
                    events += next.Events.Count;
                }
            }

            // Batches left behind merge again once the queue has drained.
            _merging = _waiting.Count == 0;
            return (group, sums, mergedCount);
        }
    }

    /// <summary>Gives written sums back, emptied, for the next head.</summary>
    public void Return(BatchRollups sums)
    {
        lock (_lock)
        {
            KeepSpare(sums);
        }
    }

    /// <summary>Empties <paramref name="sums"/> and keeps it for the next head; call under the lock.</summary>
    private void KeepSpare(BatchRollups sums)
    {
        sums.Clear();
        _spare = sums;
    }
}
