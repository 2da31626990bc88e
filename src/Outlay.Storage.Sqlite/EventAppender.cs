using Microsoft.Data.Sqlite;
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

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertRollup;

    public EventAppender(SqliteConnection connection)
    {
        _connection = connection;
        _insertEvent = CreateCommand(connection, InsertEventSql);
        _upsertRollup = CreateCommand(connection, UpsertRollupSql);
    }

    /// <summary>Appends <paramref name="events"/> in one transaction, committed before this returns.</summary>
    public AppendResult Append(string projectId, IReadOnlyList<PricedEvent> events, CancellationToken cancellationToken)
    {
        var rollups = new Dictionary<RollupKey, RollupSums>();
        var accepted = 0;
        using var transaction = _connection.BeginTransaction();
        _insertEvent.Transaction = transaction;
        _upsertRollup.Transaction = transaction;
        for (var i = 0; i < events.Count; i++)
        {
            if ((i & 255) == 0)
            {
                // Cancelling before commit rolls everything back, so nothing half-done is ever acknowledged.
                cancellationToken.ThrowIfCancellationRequested();
            }

            var priced = events[i];
            ArgumentNullException.ThrowIfNull(priced);
            var tagsJson = CanonicalTagsJson.Write(priced.Event.Tags);

            // changes() is 0 when the id is already stored, including earlier in this same batch.
            if (InsertEvent(projectId, priced, tagsJson) == 0)
            {
                continue;
            }

            accepted++;
            var key = KeyOf(priced, tagsJson);
            if (!rollups.TryGetValue(key, out var sums))
            {
                sums = new RollupSums();
                rollups.Add(key, sums);
            }

            sums.Add(priced);
        }

        foreach (var (key, sums) in rollups)
        {
            UpsertRollup(projectId, key, sums);
        }

        transaction.Commit();
        return new AppendResult(accepted, events.Count - accepted);
    }

    public void Dispose()
    {
        _insertEvent.Dispose();
        _upsertRollup.Dispose();
    }

    private static RollupKey KeyOf(PricedEvent priced, string tagsJson)
    {
        var e = priced.Event;
        var seconds = e.Timestamp.ToUnixTimeSeconds();
        return new RollupKey(
            seconds - (((seconds % 3600) + 3600) % 3600),
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

    private static SqliteCommand CreateCommand(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private int InsertEvent(string projectId, PricedEvent priced, string tagsJson)
    {
        var e = priced.Event;
        var p = _insertEvent.Parameters;
        p.Clear();
        p.AddWithValue("$project", projectId);
        p.AddWithValue("$id", e.Id.ToString("D"));
        p.AddWithValue("$ts", e.Timestamp.ToUnixTimeMilliseconds());
        p.AddWithValue("$provider", e.Provider);
        p.AddWithValue("$model", e.Model);
        p.AddWithValue("$operation", e.Operation);
        p.AddWithValue("$tier", e.ServiceTier);
        p.AddWithValue("$status", e.Status);
        p.AddWithValue("$latency", (object?)e.LatencyMs ?? DBNull.Value);
        p.AddWithValue("$service", (object?)e.Service ?? DBNull.Value);
        p.AddWithValue("$environment", (object?)e.Environment ?? DBNull.Value);
        p.AddWithValue("$instance", (object?)e.Instance ?? DBNull.Value);
        p.AddWithValue("$key_label", (object?)e.KeyLabel ?? DBNull.Value);
        p.AddWithValue("$tags", tagsJson);
        p.AddWithValue("$input", e.Usage.InputTokens);
        p.AddWithValue("$output", e.Usage.OutputTokens);
        p.AddWithValue("$cache_read", e.Usage.CacheReadTokens);
        p.AddWithValue("$cache_write", e.Usage.CacheWriteTokens);
        p.AddWithValue("$cache_write_1h", e.Usage.CacheWrite1hTokens);
        p.AddWithValue("$reasoning", e.Usage.ReasoningTokens);
        p.AddWithValue("$cost", priced.Cost.Priced && priced.Cost.CostNanoUsd is { } cost ? cost : (object)DBNull.Value);
        p.AddWithValue("$price_id", (object?)priced.Cost.PriceId ?? DBNull.Value);
        p.AddWithValue("$resolved_model", (object?)priced.Cost.ResolvedModel ?? DBNull.Value);
        p.AddWithValue("$client_cost", (object?)ClientCostNano(e.ClientCostUsd) ?? DBNull.Value);
        p.AddWithValue("$received", priced.ReceivedAt.ToUnixTimeMilliseconds());
        return _insertEvent.ExecuteNonQuery();
    }

    private void UpsertRollup(string projectId, RollupKey key, RollupSums sums)
    {
        var p = _upsertRollup.Parameters;
        p.Clear();
        p.AddWithValue("$project", projectId);
        p.AddWithValue("$hour", key.Hour);
        p.AddWithValue("$provider", key.Provider);
        p.AddWithValue("$model", key.Model);
        p.AddWithValue("$operation", key.Operation);
        p.AddWithValue("$service", key.Service);
        p.AddWithValue("$environment", key.Environment);
        p.AddWithValue("$key_label", key.KeyLabel);
        p.AddWithValue("$status", key.Status);
        p.AddWithValue("$tier", key.ServiceTier);
        p.AddWithValue("$tags", key.TagsJson);
        p.AddWithValue("$cost", sums.CostNano);
        p.AddWithValue("$events", sums.Events);
        p.AddWithValue("$unpriced", sums.UnpricedEvents);
        p.AddWithValue("$input", sums.InputTokens);
        p.AddWithValue("$output", sums.OutputTokens);
        p.AddWithValue("$cache_read", sums.CacheReadTokens);
        p.AddWithValue("$cache_write", sums.CacheWriteTokens);
        p.AddWithValue("$cache_write_1h", sums.CacheWrite1hTokens);
        p.AddWithValue("$reasoning", sums.ReasoningTokens);
        _upsertRollup.ExecuteNonQuery();
    }
}
