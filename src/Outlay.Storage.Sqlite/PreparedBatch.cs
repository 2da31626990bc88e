using System.Collections.Concurrent;
using System.Text;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// The part of a batch's append that needs no SQLite, computed by the caller on its own thread before it queues for the
/// single writer (so under concurrent ingest the two cores overlap): each event's canonical tags JSON, and the rollup
/// and credential deltas of the whole batch as if every event were new. The writer merges those deltas when no event of
/// the batch turned out to be stored already (the common case); otherwise it adds only the accepted events, one by one,
/// as without preparation, rebuilding their rollup keys (cheap next to the tags JSON, and rare). Read-only once built.
/// </summary>
internal sealed class PreparedBatch
{
    // Emptied sums kept for the next batches, so each does not regrow its dictionaries from nothing; about one per
    // concurrent caller is enough.
    private const int MaxPooledRollups = 16;

    private static readonly ConcurrentQueue<BatchRollups> RollupsPool = new();

    private int _released;

    private PreparedBatch(string[] tagsJson, BatchRollups rollups)
    {
        TagsJson = tagsJson;
        Rollups = rollups;
    }

    /// <summary>Each event's tags as <see cref="CanonicalTagsJson"/>.</summary>
    public string[] TagsJson { get; }

    /// <summary>The deltas of all the batch's events.</summary>
    public BatchRollups Rollups { get; }

    /// <summary>
    /// Prepares <paramref name="events"/>, or returns null when the batch holds a null event or its sums overflow: the
    /// writer then does all the work itself and fails the batch exactly as before.
    /// </summary>
    public static PreparedBatch? TryPrepare(IReadOnlyList<PricedEvent> events)
    {
        var count = events.Count;
        var tagsJson = new string[count];
        var rollups = RollupsPool.TryDequeue(out var pooled) ? pooled : new BatchRollups();
        var scratch = new StringBuilder(256);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var priced = events[i];
                if (priced is null)
                {
                    Return(rollups);
                    return null;
                }

                var e = priced.Event;
                tagsJson[i] = CanonicalTagsJson.Write(e.Tags, scratch);
                EventAppender.AddTo(rollups, priced, RollupKey.Of(e, tagsJson[i]));
            }
        }
        catch (OverflowException)
        {
            Return(rollups);
            return null;
        }

        return new PreparedBatch(tagsJson, rollups);
    }

    /// <summary>Hands <see cref="Rollups"/> back for reuse; call once nothing will read this batch again (the writer is done with it).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Return(Rollups);
        }
    }

    private static void Return(BatchRollups rollups)
    {
        rollups.Clear();
        if (RollupsPool.Count < MaxPooledRollups)
        {
            RollupsPool.Enqueue(rollups);
        }
    }
}
