using Outlay.Storage.Relational;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// The batches of one store waiting for the append lock, in arrival order. The lock holder takes a group: the first
/// waiting batch and every later one of the same project and duplicate policy, in order, up to a number of events
/// (at least one whole batch). Batches of other projects are passed over (ids and hour totals are per project, so
/// their order against this project's batches does not matter); a batch of the same project with the other policy
/// ends the group, so a project's batches are always written in the order they arrived.
/// </summary>
internal sealed class AppendQueue
{
    private readonly List<QueuedAppend<EventRow[]>> _waiting = [];

    /// <summary>Batches waiting (tests read it).</summary>
    public int Count
    {
        get
        {
            lock (_waiting)
            {
                return _waiting.Count;
            }
        }
    }

    public void Add(QueuedAppend<EventRow[]> queued)
    {
        lock (_waiting)
        {
            _waiting.Add(queued);
        }
    }

    /// <summary>Removes a batch its caller abandoned.</summary>
    public void Remove(QueuedAppend<EventRow[]> queued)
    {
        lock (_waiting)
        {
            _waiting.Remove(queued);
        }
    }

    /// <summary>
    /// Takes the next group (see the type's summary) of at most <paramref name="maxEvents"/> events unless its first
    /// batch is larger; null when nothing is waiting. A batch whose caller's token is already cancelled is taken and
    /// failed as cancelled instead of being written.
    /// </summary>
    public List<QueuedAppend<EventRow[]>>? TakeGroup(int maxEvents)
    {
        var group = new List<QueuedAppend<EventRow[]>>();
        var events = 0;
        lock (_waiting)
        {
            for (var i = 0; i < _waiting.Count; i++)
            {
                var next = _waiting[i];
                if (!next.IsAbandoned && group.Count > 0)
                {
                    if (!string.Equals(next.ProjectId, group[0].ProjectId, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (next.Duplicates != group[0].Duplicates || events + next.Prepared.Length > maxEvents)
                    {
                        break;
                    }
                }

                _waiting.RemoveAt(i--);
                if (!next.TryTake())
                {
                    // Abandoned by its caller, who may not have removed it yet.
                    continue;
                }

                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Fail(new OperationCanceledException(next.CancellationToken));
                    continue;
                }

                group.Add(next);
                events += next.Prepared.Length;
            }
        }

        return group.Count == 0 ? null : group;
    }
}
