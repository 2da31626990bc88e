using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Appends batches with group commit. A batch waits in this store's <see cref="AppendQueue"/>; whichever caller holds
/// the database's append lock (this process's gate and the control store's job lock, see <see cref="AppendLocks"/>;
/// one acquire per group) takes the waiting batches of one project and duplicate policy in arrival order, up to
/// <see cref="MaxGroupEvents"/> events, and writes them together: looks their ids up in <c>event_ids</c>, decides per
/// event in arrival order (new, duplicate, or a richer copy that replaces the stored version), checks that no hourly
/// sum could pass 2^63-1, then sends one insert into <c>events_log</c> holding the new rows (+1) and, for replacements,
/// a cancel row (−1, an exact copy of the stored version) before the richer one. The materialized views fill the id
/// ledger and every rollup from that same insert. Each caller is then answered with its own result, exactly what it
/// would have had appended alone after the batches before it. For keep-first (ingest) the id lookup and the hour
/// totals come back from one request, so a group is two round trips.
/// </summary>
internal sealed class ClickHouseEventAppender(ClickHouseHttp http, ClickHouseStoreOptions options, IJobLock jobs)
{
    /// <summary>Ids per lookup query (each adds about 40 bytes of SQL; the server takes 16 MiB).</summary>
    private const int LookupChunk = 10_000;

    /// <summary>The most events one group carries (at least one whole batch): 20,000, a few MB of insert body.</summary>
    private const int MaxGroupEvents = 20_000;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly AppendQueue _queue = new();
    private long _groupCommits;

    /// <summary>Inserts that carried more than one caller's batch (tests read it).</summary>
    internal long GroupCommits => Interlocked.Read(ref _groupCommits);

    /// <summary>Batches waiting for the append lock (tests read it).</summary>
    internal int WaitingAppends => _queue.Count;

    /// <exception cref="OverflowException">An hourly sum would exceed 2^63-1; nothing of this batch was stored.</exception>
    public async Task<AppendResult> AppendAsync(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        var scratch = new StringBuilder(256);
        var rows = new EventRow[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            rows[i] = EventRow.Of(projectId, events[i], scratch);
        }

        var queued = new QueuedAppend<EventRow[]>(projectId, events, rows, duplicates, cancellationToken);
        _queue.Add(queued);
        var gate = AppendLocks.For(options);
        while (!queued.Result.IsCompleted)
        {
            AppendLockHold held;
            try
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (queued.Result.IsCompleted)
                {
                    // Written by the holder before this caller got the gate: no need for the cross-process lock.
                    gate.Release();
                    break;
                }

                held = await AppendLocks.AcquireJobLockAsync(gate, options, jobs, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!queued.TryAbandon())
            {
                // A lock holder took the batch meanwhile: its answer (written or not) is on the way.
                break;
            }
            catch (Exception)
            {
                // Not taken (cancelled, or the cross-process lock stayed busy): this caller gets the error itself.
                _queue.Remove(queued);
                throw;
            }

            await using (held.ConfigureAwait(false))
            {
                // Groups in arrival order until this caller's own batch is written (a group of another project or
                // policy may be ahead of it), all under one acquire.
                while (!queued.Result.IsCompleted && _queue.TakeGroup(MaxGroupEvents) is { } group)
                {
                    await WriteGroupAsync(group, held).ConfigureAwait(false);
                }
            }
        }

        return await queued.Result.ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a group and completes each batch. A group of several batches is written with no caller's token (one
    /// caller giving up must not stop the others; the request timeout bounds it); if it fails (an hourly sum would
    /// pass 2^63-1, the server refused the insert), each batch is written alone, so only a batch that fails by itself
    /// gets the error.
    /// </summary>
    private async Task WriteGroupAsync(List<QueuedAppend<EventRow[]>> group, AppendLockHold held)
    {
        if (group.Count > 1)
        {
            AppendResult[] results;
            try
            {
                results = await WriteAsync(group, held, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                results = [];
            }

            if (results.Length == group.Count)
            {
                Interlocked.Increment(ref _groupCommits);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Complete(results[i]);
                }

                return;
            }
        }

        foreach (var queued in group)
        {
            try
            {
                queued.Complete((await WriteAsync([queued], held, queued.CancellationToken).ConfigureAwait(false))[0]);
            }
            catch (Exception e)
            {
                queued.Fail(e);
            }
        }
    }

    /// <summary>Writes batches of one project and policy as one lookup and one insert; one result per batch, in order.</summary>
    /// <exception cref="OverflowException">An hourly sum would exceed 2^63-1; nothing was stored.</exception>
    private async Task<AppendResult[]> WriteAsync(IReadOnlyList<QueuedAppend<EventRow[]>> group, AppendLockHold held, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var projectId = group[0].ProjectId;
        var duplicates = group[0].Duplicates;
        var ids = group.SelectMany(b => b.Prepared).Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        List<JsonElement>? hourTotals = null;
        Dictionary<string, EventRow?> stored;
        if (duplicates == DuplicatePolicy.KeepRicher)
        {
            stored = await LoadStoredAsync(projectId, ids, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var hours = group.SelectMany(b => b.Prepared).Select(r => r.Hour).Distinct();
            (var existing, hourTotals) = await ExistingIdsAndTotalsAsync(projectId, ids, hours, cancellationToken).ConfigureAwait(false);
            stored = existing.ToDictionary(id => id, _ => (EventRow?)null, StringComparer.Ordinal);
        }

        // One pass in arrival order, shared by the batches: an id new in one batch is a duplicate in every later one.
        var current = new Dictionary<string, EventRow>(StringComparer.Ordinal);
        var inserts = new Dictionary<string, EventRow>(StringComparer.Ordinal);
        var cancels = new Dictionary<string, EventRow>(StringComparer.Ordinal);
        var results = new AppendResult[group.Count];
        for (var b = 0; b < group.Count; b++)
        {
            var rows = group[b].Prepared;
            var events = group[b].Events;
            var accepted = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                if (!stored.TryGetValue(row.Id, out var storedRow) && !current.ContainsKey(row.Id))
                {
                    accepted++;
                    current[row.Id] = row;
                    inserts[row.Id] = row;
                    continue;
                }

                if (duplicates != DuplicatePolicy.KeepRicher)
                {
                    continue;
                }

                var version = current.TryGetValue(row.Id, out var inGroup) ? inGroup : storedRow;
                if (version is not null && version.IsPoorerThan(events[i].Event))
                {
                    if (storedRow is not null)
                    {
                        cancels.TryAdd(row.Id, storedRow);
                    }

                    current[row.Id] = row;
                    inserts[row.Id] = row;
                }
            }

            results[b] = new AppendResult(accepted, rows.Length - accepted);
        }

        if (inserts.Count > 0)
        {
            var plus = inserts.Values.ToList();
            var minus = cancels.Values.ToList();
            if (hourTotals is null)
            {
                await HourlyOverflowCheck.EnsureFitsAsync(http, projectId, plus, minus, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The totals were read for every hour of the group, under this lock; the new rows' hours are among them.
                var deltas = HourlyOverflowCheck.Deltas(plus, minus);
                foreach (var total in hourTotals)
                {
                    HourlyOverflowCheck.AddStored(deltas, total);
                }

                HourlyOverflowCheck.ThrowIfOver(deltas);
            }

            // A lease lost since it was taken (a dropped PostgreSQL connection): store nothing rather than risk a second copy.
            await held.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);

            await InsertAsync(http, minus, plus, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Inserts cancel rows (sign −1) then new rows (+1) in one request into <c>events_log</c>.</summary>
    public static async Task InsertAsync(ClickHouseHttp http, IReadOnlyList<EventRow> cancels, IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            foreach (var row in cancels)
            {
                row.Write(writer, -1);
                writer.Reset();
                body.WriteByte((byte)'\n');
            }

            foreach (var row in rows)
            {
                row.Write(writer, 1);
                writer.Reset();
                body.WriteByte((byte)'\n');
            }
        }

        // Cancelled or not, the request is sent whole or not at all from here: a half-sent body is refused by the server.
        await http.InsertAsync("events_log", body.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The stored ids among <paramref name="ids"/> and the stored totals of <paramref name="hours"/>, in one request for
    /// the first <see cref="LookupChunk"/> ids (a UNION ALL: kind 1 rows are ids, kind 2 rows hour totals), one more per
    /// further chunk.
    /// </summary>
    private async Task<(HashSet<string> Existing, List<JsonElement> HourTotals)> ExistingIdsAndTotalsAsync(
        string projectId, List<string> ids, IEnumerable<long> hours, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var totals = new List<JsonElement>();
        var project = ClickHouseSql.Quote(projectId);
        var zeros = string.Concat(HourlyOverflowCheck.Columns.Select(c => ", toDecimal128(0, 0) AS " + c));
        var first = true;
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            var sql = $"SELECT 1 AS kind, id, toInt64(0) AS hour{zeros} FROM event_ids WHERE project_id = {project} AND id IN {ClickHouseSql.InList(chunk)} GROUP BY id";
            if (first)
            {
                sql += " UNION ALL " + HourlyOverflowCheck.TotalsSql(projectId, hours, "2 AS kind, '' AS id, ");
                first = false;
            }

            foreach (var row in await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false))
            {
                if (Json.Int64(row.GetProperty("kind")) == 1)
                {
                    existing.Add(row.GetProperty("id").GetString()!);
                }
                else
                {
                    totals.Add(row);
                }
            }
        }

        return (existing, totals);
    }

    /// <summary>The current stored version of each of <paramref name="ids"/> that is stored, found through the ledger's hours.</summary>
    private async Task<Dictionary<string, EventRow?>> LoadStoredAsync(string projectId, List<string> ids, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, EventRow?>(StringComparer.Ordinal);
        var project = ClickHouseSql.Quote(projectId);
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            var hits = await http.QueryAsync(
                $"SELECT id, hour FROM event_ids WHERE project_id = {project} AND id IN {ClickHouseSql.InList(chunk)} GROUP BY id, hour", cancellationToken).ConfigureAwait(false);
            if (hits.Count == 0)
            {
                continue;
            }

            var hours = hits.Select(h => Json.Int64(h.GetProperty("hour"))).Distinct().Select(ClickHouseSql.Number);
            var found = hits.Select(h => h.GetProperty("id").GetString()!).Distinct(StringComparer.Ordinal).ToList();
            var sql = $"SELECT {ClickHouseSchemaV1.EventVersionColumns} FROM events_log WHERE project_id = {project} AND hour IN ({string.Join(", ", hours)})" +
                $" AND id IN {ClickHouseSql.InList(found)} GROUP BY {ClickHouseSchemaV1.EventVersionColumns} HAVING sum(sign) > 0";
            foreach (var row in await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false))
            {
                var version = EventRow.Read(row);
                stored[version.Id] = version;
            }

            // Ledger hits without a current version cannot happen unless a row was lost; they still count as stored.
            foreach (var id in found)
            {
                stored.TryAdd(id, null);
            }
        }

        return stored;
    }
}
