using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Inserts events and maintains their rollups (full hourly, single-dimension hourly and daily, price usage) on the
/// writer connection. The hot statements are <see cref="PreparedStatement"/>s, compiled once and bound by position, so
/// every further row only rebinds values.
/// Not thread-safe: the store calls it only while holding its write lock.
/// </summary>
internal sealed class EventAppender : IDisposable
{
    private const string InsertEventSql = """
        INSERT INTO events (project_id, id, ts_ms, provider, model, operation, service_tier, status, latency_ms,
            service, environment, instance, key_label, tags_json, input_tokens, output_tokens, cache_read_tokens,
            cache_write_tokens, cache_write_1h_tokens, reasoning_tokens, cost_nano, price_id, resolved_model,
            client_cost_nano, received_ms)
        VALUES ($project, $id, $ts, $provider, $model, $operation, $tier, $status, $latency,
            $service, $environment, $instance, $key_label, $tags, $input, $output, $cache_read,
            $cache_write, $cache_write_1h, $reasoning, $cost, $price_id, $resolved_model,
            $client_cost, $received)
        ON CONFLICT (project_id, id) DO NOTHING;
        """;

    private const string UpsertRollupSql = """
        INSERT INTO rollups_hourly (project_id, hour, key_id, cost_nano, events, unpriced_events, input_tokens, output_tokens,
            cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        VALUES ($project, $hour, $key_id, $cost, $events, $unpriced, $input, $output,
            $cache_read, $cache_write, $cache_write_1h, $reasoning)
        ON CONFLICT (project_id, hour, key_id)
        DO UPDATE SET
        """ + AddSums;

    private const string UpsertDimensionSql = """
        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events,
            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        VALUES ($project, $dimension, $hour, $value, $cost, $events, $unpriced, $input, $output,
            $cache_read, $cache_write, $cache_write_1h, $reasoning)
        ON CONFLICT (project_id, dimension, hour, value)
        DO UPDATE SET
        """ + AddSums;

    private const string UpsertDailyDimensionSql = """
        INSERT INTO rollups_dim_daily (project_id, dimension, day, value, cost_nano, events, unpriced_events,
            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        VALUES ($project, $dimension, $hour, $value, $cost, $events, $unpriced, $input, $output,
            $cache_read, $cache_write, $cache_write_1h, $reasoning)
        ON CONFLICT (project_id, dimension, day, value)
        DO UPDATE SET
        """ + AddSums;

    private const string UpsertPriceUsageSql = """
        INSERT INTO price_usage_hourly (project_id, hour, provider, model, price_id, cost_nano, events, unpriced_events,
            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        VALUES ($project, $hour, $provider, $model, $price_id, $cost, $events, $unpriced, $input, $output,
            $cache_read, $cache_write, $cache_write_1h, $reasoning)
        ON CONFLICT (project_id, hour, provider, model, price_id)
        DO UPDATE SET
        """ + AddSums;

    // SQLite turns an INTEGER sum that overflows into a REAL, which would silently lose exactness; the WHERE skips such
    // an update instead, the statement then reports no change and the append throws (see Upserted).
    private const string AddSums = """
            cost_nano = cost_nano + excluded.cost_nano,
            events = events + excluded.events,
            unpriced_events = unpriced_events + excluded.unpriced_events,
            input_tokens = input_tokens + excluded.input_tokens,
            output_tokens = output_tokens + excluded.output_tokens,
            cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
            cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
            cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
            reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens
        WHERE typeof(cost_nano + excluded.cost_nano) = 'integer'
            AND typeof(events + excluded.events) = 'integer'
            AND typeof(unpriced_events + excluded.unpriced_events) = 'integer'
            AND typeof(input_tokens + excluded.input_tokens) = 'integer'
            AND typeof(output_tokens + excluded.output_tokens) = 'integer'
            AND typeof(cache_read_tokens + excluded.cache_read_tokens) = 'integer'
            AND typeof(cache_write_tokens + excluded.cache_write_tokens) = 'integer'
            AND typeof(cache_write_1h_tokens + excluded.cache_write_1h_tokens) = 'integer'
            AND typeof(reasoning_tokens + excluded.reasoning_tokens) = 'integer';
        """;

    private const string SelectStoredSql = """
        SELECT ts_ms, provider, model, operation, service, environment, key_label, status, service_tier, tags_json,
            cost_nano, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens,
            price_id, instance
        FROM events WHERE project_id = $project AND id = $id;
        """;

    private const string DeleteStoredSql = "DELETE FROM events WHERE project_id = $project AND id = $id;";

    // Only rows an upgrade emptied can have no events left; ordinary appends never leave one.
    private const string DeleteEmptyRollupsSql = """
        DELETE FROM rollups_hourly WHERE project_id = $project AND events = 0;
        DELETE FROM rollups_dim_hourly WHERE project_id = $project AND events = 0;
        DELETE FROM rollups_dim_daily WHERE project_id = $project AND events = 0;
        DELETE FROM price_usage_hourly WHERE project_id = $project AND events = 0;
        """ + CredentialDeltaWriter.DeleteEmptyRowsSql;

    private static readonly string[] StoredEventParameters = ["$project", "$id"];

    // InsertEvent sets values by these positions.
    private static readonly string[] InsertEventParameters =
        ["$project", "$id", "$ts", "$provider", "$model", "$operation", "$tier", "$status", "$latency", "$service",
        "$environment", "$instance", "$key_label", "$tags", "$input", "$output", "$cache_read", "$cache_write",
        "$cache_write_1h", "$reasoning", "$cost", "$price_id", "$resolved_model", "$client_cost", "$received"];

    // UpsertRollup sets values by these positions.
    private static readonly string[] UpsertRollupParameters =
        ["$project", "$hour", "$key_id", "$cost", "$events", "$unpriced", "$input", "$output", "$cache_read",
        "$cache_write", "$cache_write_1h", "$reasoning"];

    // UpsertDimension sets values by these positions.
    private static readonly string[] UpsertDimensionParameters =
        ["$project", "$dimension", "$hour", "$value", "$cost", "$events", "$unpriced", "$input", "$output", "$cache_read",
        "$cache_write", "$cache_write_1h", "$reasoning"];

    // UpsertPriceUsage sets values by these positions.
    private static readonly string[] UpsertPriceUsageParameters =
        ["$project", "$hour", "$provider", "$model", "$price_id", "$cost", "$events", "$unpriced", "$input", "$output",
        "$cache_read", "$cache_write", "$cache_write_1h", "$reasoning"];

    // A fold writes at most this many events' sums in the append that crosses it (bounding that append's extra latency
    // and the memory held), and the rollups on disk lag the events by at most DeferredMaxAge while appends keep coming.
    private const int DeferredMaxEvents = 50_000;

    // Held sums may only be written later if that can never overflow, or an append acknowledged now could not be
    // rolled up then. An append that would take (largest stored value bound + largest held value) past this is written
    // at once instead, with the exact checks, and is refused on overflow as without deferral; below it, stored rows stay
    // under 2^62 and held sums under 2^62, so a later fold of them cannot reach 2^63.
    private const long DeferLimit = 1L << 62;

    private const string LargestDayTotalSql = """
        SELECT COALESCE(MAX(MAX(d.cost_nano, d.events, d.unpriced_events, d.input_tokens, d.output_tokens,
            d.cache_read_tokens, d.cache_write_tokens, d.cache_write_1h_tokens, d.reasoning_tokens)), 0)
        FROM projects p JOIN rollups_dim_daily d ON d.project_id = p.id AND d.dimension = '';
        """;

    private static readonly TimeSpan DeferredMaxAge = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _insertEvent;
    private readonly PreparedStatement _upsertRollup;
    private readonly PreparedStatement _upsertDimension;
    private readonly PreparedStatement _upsertDailyDimension;
    private readonly PreparedStatement _upsertPriceUsage;
    private readonly SqliteCommand _selectStored;
    private readonly SqliteCommand _deleteStored;
    private readonly CredentialDeltaWriter _credentials;
    private readonly StringBuilder _tagsScratch = new(256);
    private readonly BatchRollups _rollups = new();
    private readonly RollupKeyIds _keyIds;
    private readonly RollupJournal _journal;
    private readonly DeferredRollups _deferred = new(DeferredMaxEvents, DeferredMaxAge);
    private readonly ArrayBufferWriter<byte> _newIds = new(16 * 1024);
    private readonly HashSet<string> _upgradedProjects = new(StringComparer.Ordinal);
    private bool _foldNow;

    // An upper bound on every stored rollup value (see DeferLimit), valid while data_version is unchanged (no other
    // connection wrote) and no other write of this one changed rollups; re-read from the day totals otherwise.
    private long _storedBound = -1;
    private long _dataVersion = -1;

    public EventAppender(SqliteConnection connection)
    {
        _connection = connection;
        _insertEvent = new PreparedStatement(connection, InsertEventSql, InsertEventParameters);
        _upsertRollup = new PreparedStatement(connection, UpsertRollupSql, UpsertRollupParameters);
        _upsertDimension = new PreparedStatement(connection, UpsertDimensionSql, UpsertDimensionParameters);
        _upsertDailyDimension = new PreparedStatement(connection, UpsertDailyDimensionSql, UpsertDimensionParameters);
        _upsertPriceUsage = new PreparedStatement(connection, UpsertPriceUsageSql, UpsertPriceUsageParameters);
        _selectStored = PositionalCommand.Create(connection, SelectStoredSql, StoredEventParameters);
        _deleteStored = PositionalCommand.Create(connection, DeleteStoredSql, StoredEventParameters);
        _credentials = new CredentialDeltaWriter(connection);
        _keyIds = new RollupKeyIds(connection);
        _journal = new RollupJournal(connection);
    }

    /// <summary>Whether appends hold their rollup sums for a later fold (<see cref="DeferredRollups"/>); default true. Tests turn it off for a reference store.</summary>
    public bool DeferRollups { get; set; } = true;

    /// <summary>Whether rollup sums are held (or the journal must be read back): reads and other writes call <see cref="FoldHeld"/> first.</summary>
    public bool HasHeldRollups => _deferred.HasPending;

    /// <summary>How long sums are held at most (default 1 s); tests lengthen it so nothing folds under them.</summary>
    public TimeSpan HoldAge
    {
        get => _deferred.MaxAge;
        set => _deferred.MaxAge = value;
    }

    /// <summary>Whether held sums are old (or many) enough to fold even though no append, read or write asks.</summary>
    public bool FoldDue => _deferred.Due(0);

    /// <summary>Folds written so far (the load tool reads it).</summary>
    public long Folds { get; private set; }

    /// <summary>Held rows the folds wrote to the four rollup tables and credential usage, summed (credential places are not counted; the load tool reads it).</summary>
    public long FoldedRows { get; private set; }

    /// <summary>Wall time spent writing folds' rows, in nanoseconds (the load tool reads it; their share of the commit is not in it).</summary>
    public long FoldNanoseconds { get; private set; }

    /// <summary>Wall time spent adding appends' sums to the held ones, in nanoseconds (the load tool reads it).</summary>
    public long HoldNanoseconds { get; private set; }

    /// <summary>The events whose sums are held now (tests read it).</summary>
    public long HeldEvents => _deferred.Events;

    /// <summary>
    /// Appends <paramref name="events"/> in one transaction, committed before this returns. With
    /// <see cref="DuplicatePolicy.KeepRicher"/> a stored event is replaced by a strictly richer copy and its rollup
    /// contribution moved, in the same transaction.
    /// </summary>
    public AppendResult Append(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, PreparedBatch? prepared, CancellationToken cancellationToken)
    {
        var rollups = _rollups;
        rollups.Clear();
        var committed = false;
        try
        {
            using var transaction = _connection.BeginTransaction();
            BeginWrite(transaction);
            var (accepted, upgraded, _) = AppendRows(transaction, projectId, events, duplicates, prepared, mergePrepared: true, cancellationToken);
            Settle(transaction, projectId, rollups, upgraded);
            FinishAppend(transaction);
            transaction.Commit();
            committed = true;
            Committed();
            return new AppendResult(accepted, events.Count - accepted);
        }
        finally
        {
            // After a failure the key ids inserted by this transaction were rolled back with it.
            _keyIds.Discard();
            if (!committed)
            {
                _deferred.Invalidate();
            }

            // The sums hold strings of this batch only; they are not kept alive until the next append.
            rollups.Clear();
        }
    }

    /// <summary>
    /// Appends several callers' batches in one transaction (group commit), in order, so each gets the result it would
    /// have had alone; rollup rows the batches share are written once. Batches cancelled before their turn are left
    /// out (their result is null). Returns each batch's result after the commit, without answering its caller; any
    /// failure rolls back the whole group and is thrown (the caller then appends the batches one by one, so one bad
    /// batch does not fail the others).
    /// </summary>
    /// <param name="group">The batches, in arrival order.</param>
    /// <param name="merged">
    /// The prepared sums of the first <paramref name="mergedCount"/> batches of <paramref name="group"/>, all of one
    /// project, merged by their callers (<see cref="AppendQueue"/>); written as they are when every event of those
    /// batches is new and none was cancelled, else rebuilt here as without them. Null: every batch's sums are merged here.
    /// </param>
    /// <param name="mergedCount">How many batches, from the first, <paramref name="merged"/> covers; 0 without it.</param>
    public AppendResult?[] AppendGroup(IReadOnlyList<QueuedAppend<PreparedBatch?>> group, BatchRollups? merged, int mergedCount)
    {
        var rollups = _rollups;
        rollups.Clear();
        var results = new AppendResult?[group.Count];
        var committed = false;
        try
        {
            using var transaction = _connection.BeginTransaction();
            BeginWrite(transaction);
            var first = 0;
            if (merged is not null)
            {
                AppendMergedPrefix(transaction, group, mergedCount, merged, results);
                first = mergedCount;
            }

            // Rollup rows carry no project, so they are written each time the project changes (batches of one project
            // usually arrive together: one server, one ingest key per application).
            string? project = null;
            var upgraded = false;
            for (var i = first; i < group.Count; i++)
            {
                var pending = group[i];
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    continue;
                }

                if (project is not null && project != pending.ProjectId)
                {
                    Settle(transaction, project, rollups, upgraded);
                    rollups.Clear();
                    upgraded = false;
                }

                project = pending.ProjectId;
                var (accepted, batchUpgraded, _) = AppendRows(
                    transaction, pending.ProjectId, pending.Events, pending.Duplicates, pending.Prepared, mergePrepared: true, CancellationToken.None);
                upgraded |= batchUpgraded;
                results[i] = new AppendResult(accepted, pending.Events.Count - accepted);
            }

            if (project is not null)
            {
                Settle(transaction, project, rollups, upgraded);
            }

            FinishAppend(transaction);
            transaction.Commit();
            committed = true;
            Committed();
        }
        finally
        {
            _keyIds.Discard();
            if (!committed)
            {
                _deferred.Invalidate();
            }

            rollups.Clear();
        }

        return results;
    }

    /// <summary>
    /// Appends the first <paramref name="count"/> batches of <paramref name="group"/> (one project) and writes their
    /// rollups: <paramref name="merged"/> as it is when every event was new and no batch was cancelled; otherwise
    /// rebuilt, the batches with duplicates adding their new events one by one and the others their prepared sums.
    /// </summary>
    private void AppendMergedPrefix(SqliteTransaction transaction, IReadOnlyList<QueuedAppend<PreparedBatch?>> group, int count, BatchRollups merged, AppendResult?[] results)
    {
        var rollups = _rollups;
        var project = group[0].ProjectId;
        var allNew = new bool[count];
        var exact = true;
        var upgraded = false;
        for (var i = 0; i < count; i++)
        {
            var pending = group[i];
            if (pending.ProjectId != project || pending.Prepared is null)
            {
                throw new InvalidOperationException("Merged sums cover prepared batches of one project only.");
            }

            if (pending.CancellationToken.IsCancellationRequested)
            {
                exact = false;
                continue;
            }

            var (accepted, batchUpgraded, batchAllNew) = AppendRows(
                transaction, project, pending.Events, pending.Duplicates, pending.Prepared, mergePrepared: false, CancellationToken.None);
            upgraded |= batchUpgraded;
            allNew[i] = batchAllNew;
            exact &= batchAllNew;
            results[i] = new AppendResult(accepted, pending.Events.Count - accepted);
        }

        if (exact)
        {
            Settle(transaction, project, merged, upgraded: false);
            return;
        }

        // A duplicate or a cancelled batch: rollups holds the one-by-one adds of the batches that had duplicates; the
        // batches whose events were all new add their prepared sums, as without merging.
        for (var i = 0; i < count; i++)
        {
            if (allNew[i])
            {
                rollups.Add(group[i].Prepared!.Rollups);
            }
        }

        Settle(transaction, project, rollups, upgraded);
        rollups.Clear();
    }

    /// <summary>
    /// Inserts the events and adds the new ones (and richer copies) to <see cref="_rollups"/>; returns how many were new,
    /// and whether every event was new with <paramref name="prepared"/> sums that were not added one by one.
    /// With <paramref name="prepared"/> the batch's precomputed deltas are merged at the end while every event was new
    /// (unless <paramref name="mergePrepared"/> is false: the caller merges them); from the first one already stored on,
    /// the new events are added one by one instead.
    /// </summary>
    private (int Accepted, bool Upgraded, bool AllNew) AppendRows(SqliteTransaction transaction, string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, PreparedBatch? prepared, bool mergePrepared, CancellationToken cancellationToken)
    {
        var rollups = _rollups;
        var accepted = 0;
        var upgraded = false;
        var addEach = prepared is null;
        _selectStored.Transaction = transaction;
        _deleteStored.Transaction = transaction;
        for (var i = 0; i < events.Count; i++)
        {
            if ((i & 255) == 0)
            {
                // Cancelling before commit rolls everything back, so nothing half-done is ever acknowledged.
                cancellationToken.ThrowIfCancellationRequested();
            }

            var priced = events[i];
            ArgumentNullException.ThrowIfNull(priced);
            var tagsJson = prepared is null ? CanonicalTagsJson.Write(priced.Event.Tags, _tagsScratch) : prepared.TagsJson[i];

            // changes() is 0 when the id is already stored, including earlier in this same batch.
            if (InsertEvent(projectId, priced, tagsJson) == 0)
            {
                if (!addEach)
                {
                    // Every event before this one was new: add them now, and each later new one as it comes.
                    for (var j = 0; j < i; j++)
                    {
                        AddTo(rollups, events[j], RollupKey.Of(events[j].Event, prepared!.TagsJson[j]));
                    }

                    addEach = true;
                }

                // Still a duplicate in the result: the call was already counted once, only its detail improves.
                if (duplicates == DuplicatePolicy.KeepRicher && TryUpgrade(projectId, priced, tagsJson, rollups))
                {
                    upgraded = true;
                }

                continue;
            }

            accepted++;
            var idBytes = _newIds.GetSpan(RollupJournal.IdBytes);
            priced.Event.Id.TryWriteBytes(idBytes);
            _newIds.Advance(RollupJournal.IdBytes);
            if (addEach)
            {
                AddTo(rollups, priced, RollupKey.Of(priced.Event, tagsJson));
            }
        }

        if (!addEach && mergePrepared)
        {
            rollups.Add(prepared!.Rollups);
        }

        return (accepted, upgraded, !addEach);
    }

    /// <summary>
    /// Folds: writes every held rollup sum in one transaction, after reading the journal back when it is not this
    /// writer's own (another process folded or added rows, or a transaction failed). Returns whether it wrote anything.
    /// Call under the write lock, outside an append.
    /// </summary>
    public bool FoldHeld()
    {
        var committed = false;
        try
        {
            using var transaction = _connection.BeginTransaction();
            var readBack = BeginWrite(transaction);
            var held = _deferred.HasPending;
            if (held)
            {
                WriteHeld(transaction);
            }

            transaction.Commit();
            committed = true;
            Committed();
            return held || readBack;
        }
        finally
        {
            _keyIds.Discard();
            if (!committed)
            {
                _deferred.Invalidate();
            }
        }
    }

    /// <summary>
    /// Starts a write transaction: when the journal holds rows this writer did not add (or it lost track after a failure),
    /// reads those events back and writes their sums first, so the held sums and the journal agree again. Returns
    /// whether it read anything back.
    /// </summary>
    private bool BeginWrite(SqliteTransaction transaction)
    {
        _foldNow = false;
        _upgradedProjects.Clear();
        _newIds.Clear();
        var version = Scalar(transaction, "PRAGMA data_version;");
        if (version != _dataVersion)
        {
            _dataVersion = version;
            _storedBound = -1;
        }

        if (_deferred.IsJournal(_journal.State(transaction)))
        {
            return false;
        }

        _deferred.Clear();
        var rows = _journal.ReadAll(transaction);
        if (rows.Count == 0)
        {
            return false;
        }

        _selectStored.Transaction = transaction;
        var sums = new BatchRollups();
        foreach (var (_, projectId, ids) in rows)
        {
            foreach (var id in ids)
            {
                // Gone only if removed since (no writer deletes journaled events without folding first): nothing to add.
                if (ReadStored(projectId, id) is not { } stored)
                {
                    continue;
                }

                var tags = CanonicalTagsJson.Read(stored.Key.TagsJson);
                sums.Add(stored.Key, tags, stored.PriceKey, stored.CostNano, stored.Usage);
                sums.Credentials.Add(stored.Key, stored.Instance, tags, stored.TimestampMs, stored.CostNano, stored.Usage);
            }

            UpsertRollups(transaction, projectId, sums);
            sums.Clear();
        }

        _journal.DeleteThrough(transaction, rows[^1].Seq);
        _storedBound = -1;
        return true;
    }

    /// <summary>Rollups were changed by another write of this connection (re-pricing, an import): the bound is re-read.</summary>
    public void RollupsChanged() => _storedBound = -1;

    private long StoredBound(SqliteTransaction transaction)
    {
        if (_storedBound < 0)
        {
            _storedBound = Scalar(transaction, LargestDayTotalSql);
        }

        return _storedBound;
    }

    private long Scalar(SqliteTransaction transaction, string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Settles one project's rollup sums of the append in progress: held (their events journaled in this transaction),
    /// or, with deferral off, written. An upgrade moved a stored event's sums, which may be held: then everything held
    /// is written by this transaction (<see cref="FinishAppend"/>).
    /// </summary>
    private void Settle(SqliteTransaction transaction, string projectId, BatchRollups rollups, bool upgraded)
    {
        var newEvents = _newIds.WrittenCount / RollupJournal.IdBytes;
        if (!DeferRollups)
        {
            WriteRollups(transaction, projectId, rollups, upgraded);
        }
        else
        {
            _foldNow |= upgraded || _deferred.Due(newEvents);
            var started = Stopwatch.GetTimestamp();
            try
            {
                _deferred.Hold(projectId, rollups, newEvents);
            }
            catch (OverflowException e)
            {
                throw new OverflowException(RollupOverflowMessage, e);
            }

            HoldNanoseconds += (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds;

            _foldNow |= _deferred.LargestDayTotal > DeferLimit - StoredBound(transaction);
            if (upgraded)
            {
                _upgradedProjects.Add(projectId);
            }
            else if (!_foldNow && newEvents > 0)
            {
                _deferred.Journaled(_journal.Insert(transaction, projectId, _newIds.WrittenSpan));
            }
        }

        _newIds.Clear();
    }

    /// <summary>Before an append commits: writes everything held when <see cref="Settle"/> found it due.</summary>
    private void FinishAppend(SqliteTransaction transaction)
    {
        if (_foldNow)
        {
            WriteHeld(transaction);
        }
    }

    /// <summary>Writes the held sums and deletes this writer's journal rows; after an upgrade also deletes rows it emptied.</summary>
    private void WriteHeld(SqliteTransaction transaction)
    {
        var started = Stopwatch.GetTimestamp();
        FoldedRows += RowsOf(_deferred.Pending.Values);

        // Known before the write (a bound, so the largest held value is added to the largest stored one).
        var bound = StoredBound(transaction);
        var held = _deferred.LargestDayTotal;
        _storedBound = bound > DeferLimit - held ? -1 : bound + held;
        foreach (var (projectId, sums) in _deferred.Pending)
        {
            UpsertRollups(transaction, projectId, sums);
        }

        if (_deferred.Journal.Count > 0)
        {
            _journal.DeleteThrough(transaction, _deferred.Journal.MaxSeq);
        }

        foreach (var projectId in _upgradedProjects)
        {
            DeleteEmptyRollups(transaction, projectId);
        }

        _foldNow = true;
        Folds++;
        FoldNanoseconds += (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds;
    }

    private static long RowsOf(IEnumerable<BatchRollups> all)
    {
        long rows = 0;
        foreach (var sums in all)
        {
            rows += sums.Full.Count + sums.Dimensions.Count + sums.DailyDimensions.Count + sums.Prices.Count + sums.Credentials.Usage.Count;
        }

        return rows;
    }

    /// <summary>After a write transaction commits: key ids it inserted are cached, and sums it wrote are no longer held.</summary>
    private void Committed()
    {
        _keyIds.Committed();
        if (_foldNow)
        {
            _deferred.Clear();
        }

        _foldNow = false;
    }

    /// <summary>Upserts the summed rollup rows of <paramref name="rollups"/>; after an upgrade also deletes rows it emptied.</summary>
    private void WriteRollups(SqliteTransaction transaction, string projectId, BatchRollups rollups, bool upgraded)
    {
        UpsertRollups(transaction, projectId, rollups);
        if (upgraded)
        {
            DeleteEmptyRollups(transaction, projectId);
        }
    }

    /// <summary>
    /// Writes rollup deltas (adds and removes, e.g. of re-priced events) inside <paramref name="transaction"/>, then
    /// deletes rows the removes emptied. The caller commits.
    /// </summary>
    public void ApplyRollupDeltas(SqliteTransaction transaction, string projectId, BatchRollups rollups)
    {
        try
        {
            UpsertRollups(transaction, projectId, rollups);
        }
        finally
        {
            // The caller commits or rolls back (a dry run always does): ids this may have inserted are not cached.
            _keyIds.Discard();
        }

        DeleteEmptyRollups(transaction, projectId);
    }

    /// <summary>Upserts every rollup row of <paramref name="rollups"/>.</summary>
    private void UpsertRollups(SqliteTransaction transaction, string projectId, BatchRollups rollups)
    {
        foreach (var (key, sums) in rollups.Full)
        {
            UpsertRollup(projectId, key.Hour, _keyIds.Resolve(transaction, projectId, key), sums);
        }

        foreach (var (key, sums) in rollups.Dimensions)
        {
            UpsertDimension(_upsertDimension, projectId, key, sums);
        }

        foreach (var (key, sums) in rollups.DailyDimensions)
        {
            UpsertDimension(_upsertDailyDimension, projectId, key, sums);
        }

        foreach (var (key, sums) in rollups.Prices)
        {
            UpsertPriceUsage(projectId, key, sums);
        }

        _credentials.Write(transaction, projectId, rollups.Credentials);
    }

    public void Dispose()
    {
        _insertEvent.Dispose();
        _upsertRollup.Dispose();
        _upsertDimension.Dispose();
        _upsertDailyDimension.Dispose();
        _upsertPriceUsage.Dispose();
        _selectStored.Dispose();
        _deleteStored.Dispose();
        _credentials.Dispose();
        _keyIds.Dispose();
        _journal.Dispose();
    }

    private static long? CostOf(PricedEvent priced) =>
        priced.Cost.Priced && priced.Cost.CostNanoUsd is { } cost ? cost : null;

    /// <summary>Adds one new event, under <paramref name="key"/> (its <see cref="RollupKey.Of"/>), to every rollup of <paramref name="rollups"/>.</summary>
    public static void AddTo(BatchRollups rollups, PricedEvent priced, RollupKey key)
    {
        var cost = CostOf(priced);
        var e = priced.Event;
        rollups.Add(key, e.Tags, BatchRollups.PriceKeyOf(cost, priced.Cost.PriceId), cost, e.Usage);
        rollups.Credentials.Add(key, e.Instance, e.Tags, e.Timestamp.ToUnixTimeMilliseconds(), cost, e.Usage);
    }

    private void DeleteEmptyRollups(SqliteTransaction transaction, string projectId)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = DeleteEmptyRollupsSql;
        command.Parameters.AddWithValue("$project", projectId);
        command.ExecuteNonQuery();
    }

    /// <summary>Replaces the stored copy of <paramref name="priced"/> when the new one is strictly richer.</summary>
    private bool TryUpgrade(string projectId, PricedEvent priced, string tagsJson, BatchRollups rollups)
    {
        var id = priced.Event.Id.ToString("D");
        var stored = ReadStored(projectId, id);
        if (stored is null || !stored.IsPoorerThan(priced.Event))
        {
            return false;
        }

        _deleteStored.Parameters[0].Value = projectId;
        _deleteStored.Parameters[1].Value = id;
        _deleteStored.ExecuteNonQuery();
        if (InsertEvent(projectId, priced, tagsJson) != 1)
        {
            throw new InvalidOperationException("The upgraded event could not be stored.");
        }

        var storedTags = CanonicalTagsJson.Read(stored.Key.TagsJson);
        rollups.Remove(stored.Key, storedTags, stored.PriceKey, stored.CostNano, stored.Usage);
        rollups.Credentials.Remove(stored.Key, stored.Instance, storedTags, stored.CostNano, stored.Usage);
        AddTo(rollups, priced, RollupKey.Of(priced.Event, tagsJson));
        return true;
    }

    private StoredEvent? ReadStored(string projectId, string id)
    {
        _selectStored.Parameters[0].Value = projectId;
        _selectStored.Parameters[1].Value = id;
        using var reader = _selectStored.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var (key, cost, usage) = StoredEventColumns.Read(reader, 1, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)).ToUnixTimeSeconds());
        return new StoredEvent(key, BatchRollups.PriceKeyOf(cost, reader.IsDBNull(17) ? null : reader.GetString(17)), cost, usage)
        {
            Instance = reader.IsDBNull(18) ? string.Empty : reader.GetString(18),
            TimestampMs = reader.GetInt64(0),
        };
    }

    private static long? ClientCostNano(decimal? usd)
    {
        if (usd is not { } value)
        {
            return null;
        }

        try
        {
            return NanoUsd.FromUsd(value);
        }
        catch (OverflowException)
        {
            // The client's estimate is informational only; an absurd one is dropped rather than failing the batch.
            return null;
        }
    }

    private int InsertEvent(string projectId, PricedEvent priced, string tagsJson)
    {
        var e = priced.Event;
        var s = _insertEvent;
        s.Bind(0, projectId);
        s.Bind(1, e.Id);
        s.Bind(2, e.Timestamp.ToUnixTimeMilliseconds());
        s.Bind(3, e.Provider);
        s.Bind(4, e.Model);
        s.Bind(5, e.Operation);
        s.Bind(6, e.ServiceTier);
        s.Bind(7, e.Status);
        s.Bind(8, e.LatencyMs);
        s.Bind(9, e.Service);
        s.Bind(10, e.Environment);
        s.Bind(11, e.Instance);
        s.Bind(12, e.KeyLabel);
        s.Bind(13, tagsJson);
        s.Bind(14, e.Usage.InputTokens);
        s.Bind(15, e.Usage.OutputTokens);
        s.Bind(16, e.Usage.CacheReadTokens);
        s.Bind(17, e.Usage.CacheWriteTokens);
        s.Bind(18, e.Usage.CacheWrite1hTokens);
        s.Bind(19, e.Usage.ReasoningTokens);
        s.Bind(20, CostOf(priced));
        s.Bind(21, priced.Cost.PriceId);
        s.Bind(22, priced.Cost.ResolvedModel);
        s.Bind(23, ClientCostNano(e.ClientCostUsd));
        s.Bind(24, priced.ReceivedAt.ToUnixTimeMilliseconds());
        return s.Run();
    }

    private void UpsertRollup(string projectId, long hour, long keyId, in RollupSums sums)
    {
        var s = _upsertRollup;
        s.Bind(0, projectId);
        s.Bind(1, hour);
        s.Bind(2, keyId);
        BindSums(s, 3, sums);
        Upserted(s.Run());
    }

    private static void UpsertDimension(PreparedStatement upsert, string projectId, DimensionRollupKey key, in RollupSums sums)
    {
        upsert.Bind(0, projectId);
        upsert.Bind(1, key.Dimension);
        upsert.Bind(2, key.Hour);
        upsert.Bind(3, key.Value);
        BindSums(upsert, 4, sums);
        Upserted(upsert.Run());
    }

    private void UpsertPriceUsage(string projectId, PriceUsageKey key, in RollupSums sums)
    {
        var s = _upsertPriceUsage;
        s.Bind(0, projectId);
        s.Bind(1, key.Hour);
        s.Bind(2, key.Provider);
        s.Bind(3, key.Model);
        s.Bind(4, key.PriceId);
        BindSums(s, 5, sums);
        Upserted(s.Run());
    }

    /// <summary>Binds the nine sums from <paramref name="first"/> on, in the order cost, events, unpriced, then tokens.</summary>
    private static void BindSums(PreparedStatement s, int first, in RollupSums sums)
    {
        s.Bind(first, sums.CostNano);
        s.Bind(first + 1, sums.Events);
        s.Bind(first + 2, sums.UnpricedEvents);
        s.Bind(first + 3, sums.InputTokens);
        s.Bind(first + 4, sums.OutputTokens);
        s.Bind(first + 5, sums.CacheReadTokens);
        s.Bind(first + 6, sums.CacheWriteTokens);
        s.Bind(first + 7, sums.CacheWrite1hTokens);
        s.Bind(first + 8, sums.ReasoningTokens);
    }

    /// <summary>Throws when an upsert changed nothing, which happens only when a sum would leave the exact range.</summary>
    private const string RollupOverflowMessage =
        "A rollup sum would exceed 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens); the batch was not stored.";

    private static void Upserted(int changes)
    {
        if (changes != 1)
        {
            throw new OverflowException(RollupOverflowMessage);
        }
    }
}
