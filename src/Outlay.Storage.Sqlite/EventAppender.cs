using System.Text;
using Microsoft.Data.Sqlite;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Inserts events and maintains their hourly rollups on the writer connection. The two commands are created once
/// and reused, so SQLite compiles each statement once and every further row only rebinds parameters.
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
        INSERT INTO rollups_hourly (project_id, hour, provider, model, operation, service, environment, key_label,
            status, service_tier, tags_json, cost_nano, events, unpriced_events, input_tokens, output_tokens,
            cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        VALUES ($project, $hour, $provider, $model, $operation, $service, $environment, $key_label,
            $status, $tier, $tags, $cost, $events, $unpriced, $input, $output,
            $cache_read, $cache_write, $cache_write_1h, $reasoning)
        ON CONFLICT (project_id, hour, provider, model, operation, service, environment, key_label, status, service_tier, tags_json)
        DO UPDATE SET
            cost_nano = cost_nano + excluded.cost_nano,
            events = events + excluded.events,
            unpriced_events = unpriced_events + excluded.unpriced_events,
            input_tokens = input_tokens + excluded.input_tokens,
            output_tokens = output_tokens + excluded.output_tokens,
            cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
            cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
            cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
            reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens;
        """;

    private const string SelectStoredSql = """
        SELECT ts_ms, provider, model, operation, service, environment, key_label, status, service_tier, tags_json,
            cost_nano, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens
        FROM events WHERE project_id = $project AND id = $id;
        """;

    private const string DeleteStoredSql = "DELETE FROM events WHERE project_id = $project AND id = $id;";

    // Only rows an upgrade emptied can have no events left; ordinary appends never leave one.
    private const string DeleteEmptyRollupsSql = "DELETE FROM rollups_hourly WHERE project_id = $project AND events = 0;";

    private static readonly string[] StoredEventParameters = ["$project", "$id"];

    // InsertEvent sets values by these positions.
    private static readonly string[] InsertEventParameters =
        ["$project", "$id", "$ts", "$provider", "$model", "$operation", "$tier", "$status", "$latency", "$service",
        "$environment", "$instance", "$key_label", "$tags", "$input", "$output", "$cache_read", "$cache_write",
        "$cache_write_1h", "$reasoning", "$cost", "$price_id", "$resolved_model", "$client_cost", "$received"];

    // UpsertRollup sets values by these positions.
    private static readonly string[] UpsertRollupParameters =
        ["$project", "$hour", "$provider", "$model", "$operation", "$service", "$environment", "$key_label",
        "$status", "$tier", "$tags", "$cost", "$events", "$unpriced", "$input", "$output", "$cache_read",
        "$cache_write", "$cache_write_1h", "$reasoning"];

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertRollup;
    private readonly SqliteCommand _selectStored;
    private readonly SqliteCommand _deleteStored;
    private readonly StringBuilder _tagsScratch = new(256);

    public EventAppender(SqliteConnection connection)
    {
        _connection = connection;
        _insertEvent = CreateCommand(connection, InsertEventSql, InsertEventParameters);
        _upsertRollup = CreateCommand(connection, UpsertRollupSql, UpsertRollupParameters);
        _selectStored = CreateCommand(connection, SelectStoredSql, StoredEventParameters);
        _deleteStored = CreateCommand(connection, DeleteStoredSql, StoredEventParameters);
    }

    /// <summary>
    /// Appends <paramref name="events"/> in one transaction, committed before this returns. With
    /// <see cref="DuplicatePolicy.KeepRicher"/> a stored event is replaced by a strictly richer copy and its rollup
    /// contribution moved, in the same transaction.
    /// </summary>
    public AppendResult Append(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        var rollups = new Dictionary<RollupKey, RollupSums>();
        var accepted = 0;
        var upgraded = false;
        using var transaction = _connection.BeginTransaction();
        _insertEvent.Transaction = transaction;
        _upsertRollup.Transaction = transaction;
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
            var tagsJson = CanonicalTagsJson.Write(priced.Event.Tags, _tagsScratch);

            // changes() is 0 when the id is already stored, including earlier in this same batch.
            if (InsertEvent(projectId, priced, tagsJson) == 0)
            {
                // Still a duplicate in the result: the call was already counted once, only its detail improves.
                if (duplicates == DuplicatePolicy.KeepRicher && TryUpgrade(projectId, priced, tagsJson, rollups))
                {
                    upgraded = true;
                }

                continue;
            }

            accepted++;
            SumsOf(rollups, KeyOf(priced, tagsJson)).Add(priced);
        }

        foreach (var (key, sums) in rollups)
        {
            UpsertRollup(projectId, key, sums);
        }

        if (upgraded)
        {
            DeleteEmptyRollups(transaction, projectId);
        }

        transaction.Commit();
        return new AppendResult(accepted, events.Count - accepted);
    }

    public void Dispose()
    {
        _insertEvent.Dispose();
        _upsertRollup.Dispose();
        _selectStored.Dispose();
        _deleteStored.Dispose();
    }

    private static RollupSums SumsOf(Dictionary<RollupKey, RollupSums> rollups, RollupKey key)
    {
        if (!rollups.TryGetValue(key, out var sums))
        {
            sums = new RollupSums();
            rollups.Add(key, sums);
        }

        return sums;
    }

    private static long HourOf(long unixSeconds) => unixSeconds - (((unixSeconds % 3600) + 3600) % 3600);

    private void DeleteEmptyRollups(SqliteTransaction transaction, string projectId)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = DeleteEmptyRollupsSql;
        command.Parameters.AddWithValue("$project", projectId);
        command.ExecuteNonQuery();
    }

    /// <summary>Replaces the stored copy of <paramref name="priced"/> when the new one is strictly richer.</summary>
    private bool TryUpgrade(string projectId, PricedEvent priced, string tagsJson, Dictionary<RollupKey, RollupSums> rollups)
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

        SumsOf(rollups, stored.Key).Remove(stored);
        SumsOf(rollups, KeyOf(priced, tagsJson)).Add(priced);
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

        string Text(int ordinal) => reader.IsDBNull(ordinal) ? string.Empty : reader.GetString(ordinal);
        var key = new RollupKey(
            HourOf(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)).ToUnixTimeSeconds()),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            Text(4),
            Text(5),
            Text(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9));
        var usage = new TokenUsage(
            reader.GetInt64(11),
            reader.GetInt64(12),
            reader.GetInt64(13),
            reader.GetInt64(14),
            reader.GetInt64(15),
            reader.GetInt64(16));
        return new StoredEvent(key, reader.IsDBNull(10) ? null : reader.GetInt64(10), usage);
    }

    private static RollupKey KeyOf(PricedEvent priced, string tagsJson)
    {
        var e = priced.Event;
        var seconds = e.Timestamp.ToUnixTimeSeconds();
        return new RollupKey(
            HourOf(seconds),
            e.Provider,
            e.Model,
            e.Operation,
            e.Service ?? string.Empty,
            e.Environment ?? string.Empty,
            e.KeyLabel ?? string.Empty,
            e.Status,
            e.ServiceTier,
            tagsJson);
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

    /// <summary>Creates a command whose parameters exist once, in a fixed order, so each row only sets values.</summary>
    private static SqliteCommand CreateCommand(SqliteConnection connection, string sql, string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Set(SqliteParameterCollection parameters, int index, object? value) =>
        parameters[index].Value = value ?? DBNull.Value;

    private int InsertEvent(string projectId, PricedEvent priced, string tagsJson)
    {
        var e = priced.Event;
        var p = _insertEvent.Parameters;
        Set(p, 0, projectId);
        Set(p, 1, e.Id.ToString("D"));
        Set(p, 2, e.Timestamp.ToUnixTimeMilliseconds());
        Set(p, 3, e.Provider);
        Set(p, 4, e.Model);
        Set(p, 5, e.Operation);
        Set(p, 6, e.ServiceTier);
        Set(p, 7, e.Status);
        Set(p, 8, e.LatencyMs);
        Set(p, 9, e.Service);
        Set(p, 10, e.Environment);
        Set(p, 11, e.Instance);
        Set(p, 12, e.KeyLabel);
        Set(p, 13, tagsJson);
        Set(p, 14, e.Usage.InputTokens);
        Set(p, 15, e.Usage.OutputTokens);
        Set(p, 16, e.Usage.CacheReadTokens);
        Set(p, 17, e.Usage.CacheWriteTokens);
        Set(p, 18, e.Usage.CacheWrite1hTokens);
        Set(p, 19, e.Usage.ReasoningTokens);
        Set(p, 20, priced.Cost.Priced && priced.Cost.CostNanoUsd is { } cost ? cost : null);
        Set(p, 21, priced.Cost.PriceId);
        Set(p, 22, priced.Cost.ResolvedModel);
        Set(p, 23, ClientCostNano(e.ClientCostUsd));
        Set(p, 24, priced.ReceivedAt.ToUnixTimeMilliseconds());
        return _insertEvent.ExecuteNonQuery();
    }

    private void UpsertRollup(string projectId, RollupKey key, RollupSums sums)
    {
        var p = _upsertRollup.Parameters;
        Set(p, 0, projectId);
        Set(p, 1, key.Hour);
        Set(p, 2, key.Provider);
        Set(p, 3, key.Model);
        Set(p, 4, key.Operation);
        Set(p, 5, key.Service);
        Set(p, 6, key.Environment);
        Set(p, 7, key.KeyLabel);
        Set(p, 8, key.Status);
        Set(p, 9, key.ServiceTier);
        Set(p, 10, key.TagsJson);
        Set(p, 11, sums.CostNano);
        Set(p, 12, sums.Events);
        Set(p, 13, sums.UnpricedEvents);
        Set(p, 14, sums.InputTokens);
        Set(p, 15, sums.OutputTokens);
        Set(p, 16, sums.CacheReadTokens);
        Set(p, 17, sums.CacheWriteTokens);
        Set(p, 18, sums.CacheWrite1hTokens);
        Set(p, 19, sums.ReasoningTokens);
        _upsertRollup.ExecuteNonQuery();
    }
}
