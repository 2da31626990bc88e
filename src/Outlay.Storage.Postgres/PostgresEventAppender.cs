using System.Text;
using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Events;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Appends one batch in one transaction: binary COPY of the batch into a session-local staging table, then one
/// statement that claims the new ids in <c>event_ids</c> (ON CONFLICT DO NOTHING) and inserts exactly those into the
/// partitioned <c>events</c>; the rollup deltas are summed in memory (the same <see cref="BatchRollups"/> the SQLite
/// store uses), COPYed into staging tables and upserted in key order, all before the commit. Nothing is acknowledged
/// before the commit, and a rolled-back batch leaves no trace.
/// </summary>
internal sealed class PostgresEventAppender
{
    /// <summary>The staging table of a batch; created once per physical connection (see <see cref="PostgresOutlayStore"/>).</summary>
    public const string CreateStagingSql = """
        CREATE TEMP TABLE IF NOT EXISTS outlay_event_stage (
            seq integer NOT NULL, id uuid NOT NULL, occurred_at timestamptz NOT NULL, provider text NOT NULL,
            model text NOT NULL, operation text NOT NULL, service_tier text NOT NULL, status text NOT NULL,
            latency_ms bigint, service text, environment text, instance text, key_label text, tags_json text NOT NULL,
            input_tokens bigint NOT NULL, output_tokens bigint NOT NULL, cache_read_tokens bigint NOT NULL,
            cache_write_tokens bigint NOT NULL, cache_write_1h_tokens bigint NOT NULL, reasoning_tokens bigint NOT NULL,
            cost_nano bigint, price_id text, resolved_model text, client_cost_nano bigint, received_at timestamptz NOT NULL
        ) ON COMMIT DELETE ROWS;
        """;

    private const string EventColumns = """
        id, occurred_at, provider, model, operation, service_tier, status, latency_ms, service, environment, instance,
        key_label, tags_json, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
        reasoning_tokens, cost_nano, price_id, resolved_model, client_cost_nano, received_at
        """;

    private const string CopyStageSql = "COPY outlay_event_stage (seq, " + EventColumns + ") FROM STDIN (FORMAT BINARY)";

    // The first copy of each id in the batch is the candidate; the event_ids insert decides which candidates are new
    // (also against concurrent appends: a racing insert of the same id waits for the other transaction, then skips).
    private const string InsertNewSql = """
        WITH candidates AS MATERIALIZED (
            SELECT DISTINCT ON (id) 
        """ + EventColumns + """
         FROM outlay_event_stage ORDER BY id, seq
        ), fresh AS (
            INSERT INTO event_ids (project_id, id, occurred_at)
            SELECT @project, id, occurred_at FROM candidates ORDER BY id
            ON CONFLICT (project_id, id) DO NOTHING
            RETURNING id
        )
        INSERT INTO events (project_id, 
        """ + EventColumns + """
        )
        SELECT @project, c.* FROM candidates c JOIN fresh f ON f.id = c.id
        RETURNING id;
        """;

    // Locks the ledger rows of ids about to be compared, in id order, so two appends upgrading one event take turns
    // and the second reads what the first stored.
    private const string LockIdsSql = "SELECT id FROM event_ids WHERE project_id = @project AND id = ANY(@ids) ORDER BY id FOR UPDATE;";

    private const string SelectStoredSql = """
        SELECT id, occurred_at, provider, model, operation, service, environment, key_label, status, service_tier, tags_json,
            cost_nano, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens,
            price_id, instance
        FROM events WHERE project_id = @project AND id = ANY(@ids);
        """;

    private const string ReplaceSql = """
        DELETE FROM events WHERE project_id = @project AND id = ANY(@ids);
        INSERT INTO events (project_id, 
        """ + EventColumns + """
        )
        SELECT @project, 
        """ + EventColumns + """
         FROM outlay_event_stage;
        UPDATE event_ids i SET occurred_at = s.occurred_at FROM outlay_event_stage s WHERE i.project_id = @project AND i.id = s.id;
        """;

    private const int MaxAttempts = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly EventPartitions _partitions;

    public PostgresEventAppender(NpgsqlDataSource dataSource, EventPartitions partitions)
    {
        _dataSource = dataSource;
        _partitions = partitions;
    }

    /// <summary>
    /// Appends <paramref name="events"/> in one transaction, committed before this returns. A deadlock with a concurrent
    /// append (both upserting the same rollup rows) rolls this transaction back and it is retried whole, up to 5 times.
    /// </summary>
    /// <exception cref="OverflowException">A rollup sum would exceed 2^63-1; nothing was stored.</exception>
    public async Task<AppendResult> AppendAsync(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        var scratch = new StringBuilder(256);
        var tagsJson = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(events[i]);
            tagsJson[i] = CanonicalTagsJson.Write(events[i].Event.Tags, scratch);
        }

        await _partitions.EnsureAsync(_dataSource, events.Select(e => e.Event.Timestamp), cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AppendOnceAsync(projectId, events, tagsJson, duplicates, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (PostgresErrors.IsOverflow(e))
            {
                throw new OverflowException(
                    "A rollup sum would exceed 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens); the batch was not stored.", e);
            }
            catch (PostgresException e) when (PostgresErrors.IsRetryable(e) && attempt < MaxAttempts)
            {
                // The whole transaction rolled back; nothing of this attempt was stored.
            }
            catch (PostgresException e) when (PostgresErrors.IsMissingPartition(e) && attempt < MaxAttempts)
            {
                // A month's partition was dropped (retention) after this process created it: create it again.
                _partitions.Forget();
                await _partitions.EnsureAsync(_dataSource, events.Select(p => p.Event.Timestamp), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<AppendResult> AppendOnceAsync(
        string projectId, IReadOnlyList<PricedEvent> events, string[] tagsJson, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await CopyEventsAsync(connection, Enumerable.Range(0, events.Count).Select(i => (i, events[i], tagsJson[i])), cancellationToken).ConfigureAwait(false);
                var fresh = await InsertNewAsync(connection, projectId, cancellationToken).ConfigureAwait(false);

                var rollups = new BatchRollups();
                var current = new Dictionary<Guid, CurrentVersion>();
                var replaced = new Dictionary<Guid, (PricedEvent Event, string TagsJson)>();
                if (duplicates == DuplicatePolicy.KeepRicher)
                {
                    await LoadStoredAsync(connection, projectId, events, fresh, current, cancellationToken).ConfigureAwait(false);
                }

                var accepted = 0;
                for (var i = 0; i < events.Count; i++)
                {
                    var priced = events[i];
                    var id = priced.Event.Id;
                    var version = CurrentVersion.Of(priced, tagsJson[i]);
                    if (fresh.Remove(id))
                    {
                        // The first copy of a new id: the one the insert stored.
                        accepted++;
                        version.AddTo(rollups);
                        current[id] = version;
                        continue;
                    }

                    // A duplicate: counted once already. Under KeepRicher a strictly richer copy replaces the current one.
                    if (duplicates == DuplicatePolicy.KeepRicher && current.TryGetValue(id, out var stored) && stored.Stored.IsPoorerThan(priced.Event))
                    {
                        stored.RemoveFrom(rollups);
                        version.AddTo(rollups);
                        current[id] = version;
                        replaced[id] = (priced, tagsJson[i]);
                    }
                }

                if (replaced.Count > 0)
                {
                    await ReplaceAsync(connection, projectId, replaced, cancellationToken).ConfigureAwait(false);
                }

                await RollupStaging.UpsertAsync(connection, projectId, rollups, cancellationToken).ConfigureAwait(false);
                if (replaced.Count > 0)
                {
                    await ExecuteAsync(connection, RollupStaging.DeleteEmptyRowsSql, projectId, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new AppendResult(accepted, events.Count - accepted);
            }
        }
    }

    private static async Task<HashSet<Guid>> InsertNewAsync(NpgsqlConnection connection, string projectId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertNewSql, connection);
        command.Parameters.AddWithValue("project", projectId);
        var fresh = new HashSet<Guid>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                fresh.Add(reader.GetGuid(0));
            }
        }

        return fresh;
    }

    /// <summary>Reads, under a row lock on their ids, the stored versions of the batch's ids that were already stored.</summary>
    private static async Task LoadStoredAsync(
        NpgsqlConnection connection, string projectId, IReadOnlyList<PricedEvent> events, HashSet<Guid> fresh,
        Dictionary<Guid, CurrentVersion> current, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.Event.Id).Where(id => !fresh.Contains(id)).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        await using (var lockIds = new NpgsqlCommand(LockIdsSql, connection))
        {
            lockIds.Parameters.AddWithValue("project", projectId);
            lockIds.Parameters.AddWithValue("ids", ids);
            await lockIds.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // A new statement after the lock: under READ COMMITTED it sees what a concurrent upgrade committed.
        await using var select = new NpgsqlCommand(SelectStoredSql, connection);
        select.Parameters.AddWithValue("project", projectId);
        select.Parameters.AddWithValue("ids", ids);
        var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                current[reader.GetGuid(0)] = CurrentVersion.Read(reader);
            }
        }
    }

    private static async Task ReplaceAsync(
        NpgsqlConnection connection, string projectId, Dictionary<Guid, (PricedEvent Event, string TagsJson)> replaced, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "DELETE FROM outlay_event_stage;", projectId, cancellationToken).ConfigureAwait(false);
        await CopyEventsAsync(connection, replaced.Values.Select((r, i) => (i, r.Event, r.TagsJson)), cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ReplaceSql, connection);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("ids", replaced.Keys.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyEventsAsync(
        NpgsqlConnection connection, IEnumerable<(int Seq, PricedEvent Priced, string TagsJson)> rows, CancellationToken cancellationToken)
    {
        var writer = await connection.BeginBinaryImportAsync(CopyStageSql, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var (seq, priced, tagsJson) in rows)
            {
                var e = priced.Event;
                writer.StartRow();
                writer.Write(seq, NpgsqlDbType.Integer);
                writer.Write(e.Id, NpgsqlDbType.Uuid);
                writer.Write(Milliseconds(e.Timestamp), NpgsqlDbType.TimestampTz);
                CopyText.Write(writer, e.Provider);
                CopyText.Write(writer, e.Model);
                CopyText.Write(writer, e.Operation);
                CopyText.Write(writer, e.ServiceTier);
                CopyText.Write(writer, e.Status);
                CopyText.Write(writer, e.LatencyMs);
                CopyText.Write(writer, e.Service);
                CopyText.Write(writer, e.Environment);
                CopyText.Write(writer, e.Instance);
                CopyText.Write(writer, e.KeyLabel);
                CopyText.Write(writer, tagsJson);
                CopyText.Write(writer, e.Usage.InputTokens);
                CopyText.Write(writer, e.Usage.OutputTokens);
                CopyText.Write(writer, e.Usage.CacheReadTokens);
                CopyText.Write(writer, e.Usage.CacheWriteTokens);
                CopyText.Write(writer, e.Usage.CacheWrite1hTokens);
                CopyText.Write(writer, e.Usage.ReasoningTokens);
                CopyText.Write(writer, CurrentVersion.CostOf(priced));
                CopyText.Write(writer, priced.Cost.PriceId);
                CopyText.Write(writer, priced.Cost.ResolvedModel);
                CopyText.Write(writer, ClientCostNano(e.ClientCostUsd));
                writer.Write(Milliseconds(priced.ReceivedAt), NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string projectId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@project", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("project", projectId);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Instants are kept to the millisecond, as the SQLite store keeps them, so both engines select the same events.</summary>
    private static DateTime Milliseconds(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds()).UtcDateTime;

    private static long? ClientCostNano(decimal? usd)
    {
        if (usd is not { } value)
        {
            return null;
        }

        try
        {
            return Outlay.Core.Pricing.NanoUsd.FromUsd(value);
        }
        catch (OverflowException)
        {
            // The client's estimate is informational only; an absurd one is dropped rather than failing the batch.
            return null;
        }
    }

    /// <summary>The version of an event that currently counts in the rollups (stored, or accepted earlier in this batch).</summary>
    private sealed record CurrentVersion(StoredEvent Stored, IReadOnlyDictionary<string, string> Tags)
    {
        public static long? CostOf(PricedEvent priced) =>
            priced.Cost.Priced && priced.Cost.CostNanoUsd is { } cost ? cost : null;

        public static CurrentVersion Of(PricedEvent priced, string tagsJson)
        {
            var e = priced.Event;
            var cost = CostOf(priced);
            var key = RollupKey.Of(e, tagsJson);
            var stored = new StoredEvent(key, BatchRollups.PriceKeyOf(cost, priced.Cost.PriceId), cost, e.Usage)
            {
                Instance = e.Instance ?? string.Empty,
                TimestampMs = e.Timestamp.ToUnixTimeMilliseconds(),
            };
            return new CurrentVersion(stored, e.Tags);
        }

        public static CurrentVersion Read(NpgsqlDataReader reader)
        {
            var occurred = new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero);
            var (key, cost, usage) = StoredEventColumns.Read(reader, 2, occurred.ToUnixTimeSeconds());
            var stored = new StoredEvent(key, BatchRollups.PriceKeyOf(cost, reader.IsDBNull(18) ? null : reader.GetString(18)), cost, usage)
            {
                Instance = reader.IsDBNull(19) ? string.Empty : reader.GetString(19),
                TimestampMs = occurred.ToUnixTimeMilliseconds(),
            };
            return new CurrentVersion(stored, CanonicalTagsJson.Read(key.TagsJson));
        }

        public void AddTo(BatchRollups rollups)
        {
            rollups.Add(Stored.Key, Tags, Stored.PriceKey, Stored.CostNano, Stored.Usage);
            rollups.Credentials.Add(Stored.Key, Stored.Instance, Tags, Stored.TimestampMs, Stored.CostNano, Stored.Usage);
        }

        public void RemoveFrom(BatchRollups rollups)
        {
            rollups.Remove(Stored.Key, Tags, Stored.PriceKey, Stored.CostNano, Stored.Usage);
            rollups.Credentials.Remove(Stored.Key, Stored.Instance, Tags, Stored.CostNano, Stored.Usage);
        }
    }
}
