namespace Outlay.Sdk.Diagnostics;

/// <summary>
/// Turns stopped GenAI spans into one record per provider call, where several libraries each emit a span for it
/// (Microsoft.Extensions.AI around the OpenAI SDK: nested, same <c>gen_ai.response.id</c>, the child stops first).
/// </summary>
/// <remarks>
/// Rules:
/// <list type="number">
/// <item>A span with no running GenAI inference ancestor is recorded at once.</item>
/// <item>A span with one is held, keyed by that ancestor and by its response id. When the ancestor stops, the two are
/// merged (<see cref="GenAiSpan.Merge"/>) and the result follows rule 1 or 2 for the ancestor. A held span with a
/// different response id than the ancestor is a separate call and is recorded on its own.</item>
/// <item>A stopping span whose response id is held is merged with that span, even if not its parent.</item>
/// <item>A span still held after the merge window, or the oldest when the pending set is full, or any on
/// <see cref="Flush"/>, is recorded on its own; its ancestor, when it stops later, is then skipped (innermost wins).</item>
/// <item>A span whose response id was already recorded is skipped.</item>
/// </list>
/// </remarks>
internal sealed class SpanDeduplicator
{
    private const int RememberedKeys = 4096;

    private readonly object _gate = new();
    private readonly Dictionary<string, PendingSpan> _byAncestor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingSpan> _byResponseId = new(StringComparer.Ordinal);
    private readonly LinkedList<PendingSpan> _order = new();
    private readonly RecentKeys _skippedAncestors = new(RememberedKeys);
    private readonly RecentKeys _recordedResponseIds = new(RememberedKeys);
    private readonly TimeSpan _window;
    private readonly int _maxPending;
    private readonly TimeProvider _time;

    public SpanDeduplicator(TimeSpan window, int maxPending, TimeProvider time)
    {
        _window = window;
        _maxPending = maxPending;
        _time = time;
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Takes a stopped span; returns the spans to record now (possibly none).</summary>
    public List<GenAiSpan> OnStopped(GenAiSpan span)
    {
        var ready = new List<GenAiSpan>();
        lock (_gate)
        {
            if (_skippedAncestors.Contains(span.ActivityId) || (span.ResponseId is not null && _recordedResponseIds.Contains(span.ResponseId)))
            {
                // A span inside this one (or this very response) is already recorded; so are we, through it.
                if (span.WaitFor is not null)
                {
                    _skippedAncestors.Add(span.WaitFor);
                }

                return ready;
            }

            var merged = span;
            if (_byAncestor.TryGetValue(span.ActivityId, out var child))
            {
                Remove(child);
                merged = Combine(child.Span, merged, ready);
            }

            if (span.ResponseId is not null && _byResponseId.TryGetValue(span.ResponseId, out var sameResponse))
            {
                Remove(sameResponse);
                merged = Combine(sameResponse.Span, merged, ready);
            }

            if (merged.WaitFor is null)
            {
                Record(merged, ready);
            }
            else
            {
                Hold(merged, ready);
            }
        }

        return ready;
    }

    /// <summary>Records every held span whose window has passed.</summary>
    public List<GenAiSpan> ExpireDue()
    {
        var ready = new List<GenAiSpan>();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            while (_order.First is { } first && first.Value.DueAt <= now)
            {
                ReleaseAlone(first.Value, ready);
            }
        }

        return ready;
    }

    /// <summary>Records every held span.</summary>
    public List<GenAiSpan> Flush()
    {
        var ready = new List<GenAiSpan>();
        lock (_gate)
        {
            while (_order.First is { } first)
            {
                ReleaseAlone(first.Value, ready);
            }
        }

        return ready;
    }

    private GenAiSpan Combine(GenAiSpan child, GenAiSpan parent, List<GenAiSpan> ready)
    {
        if (child.ResponseId is not null && parent.ResponseId is not null
            && !string.Equals(child.ResponseId, parent.ResponseId, StringComparison.Ordinal))
        {
            Record(child, ready);
            return parent;
        }

        return GenAiSpan.Merge(child, parent);
    }

    private void Hold(GenAiSpan span, List<GenAiSpan> ready)
    {
        var ancestor = span.WaitFor!;
        if (_byAncestor.TryGetValue(ancestor, out var sibling))
        {
            // Two calls under one GenAI parent: neither is the parent's own call alone; record both as they are.
            ReleaseAlone(sibling, ready);
        }

        if (_order.Count >= _maxPending && _order.First is { } oldest)
        {
            ReleaseAlone(oldest.Value, ready);
        }

        var pending = new PendingSpan(span, _time.GetUtcNow() + _window);
        pending.Node = _order.AddLast(pending);
        _byAncestor[ancestor] = pending;
        if (span.ResponseId is not null)
        {
            _byResponseId[span.ResponseId] = pending;
        }
    }

    private void ReleaseAlone(PendingSpan pending, List<GenAiSpan> ready)
    {
        Remove(pending);
        _skippedAncestors.Add(pending.Span.WaitFor!);
        Record(pending.Span, ready);
    }

    private void Record(GenAiSpan span, List<GenAiSpan> ready)
    {
        if (span.ResponseId is not null)
        {
            _recordedResponseIds.Add(span.ResponseId);
        }

        ready.Add(span);
    }

    private void Remove(PendingSpan pending)
    {
        if (pending.Node is not null)
        {
            _order.Remove(pending.Node);
            pending.Node = null;
        }

        if (pending.Span.WaitFor is { } ancestor && _byAncestor.TryGetValue(ancestor, out var byAncestor) && ReferenceEquals(byAncestor, pending))
        {
            _byAncestor.Remove(ancestor);
        }

        if (pending.Span.ResponseId is { } responseId && _byResponseId.TryGetValue(responseId, out var byResponse) && ReferenceEquals(byResponse, pending))
        {
            _byResponseId.Remove(responseId);
        }
    }
}
