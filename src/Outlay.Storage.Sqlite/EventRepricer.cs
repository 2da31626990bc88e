using Microsoft.Data.Sqlite;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Prices one page of stored events again inside one write transaction: each event is re-read (so a richer duplicate
/// stored since the page was found is priced as it now is), priced, updated when anything changed, and its rollup
/// contribution moved from the old cost and price entry to the new ones through <see cref="BatchRollups"/>.
/// Not thread-safe: the store calls it only while holding its write lock.
/// </summary>
internal sealed class EventRepricer
{
    private const string SelectSql = """
        SELECT ts_ms, provider, model, operation, service, environment, key_label, status, service_tier, tags_json,
            cost_nano, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens,
            price_id, resolved_model, instance
        FROM events WHERE project_id = $project AND id = $id;
        """;

    private const string UpdateSql = """
        UPDATE events SET cost_nano = $cost, price_id = $price_id, resolved_model = $resolved_model
        WHERE project_id = $project AND id = $id;
        """;

    private readonly SqliteConnection _writer;
    private readonly EventAppender _appender;
    private readonly BatchRollups _rollups = new();

    public EventRepricer(SqliteConnection writer, EventAppender appender)
    {
        _writer = writer;
        _appender = appender;
    }

    /// <summary>Re-prices <paramref name="page"/> (ordered by project) and adds what it found to <paramref name="counts"/>.</summary>
    public void ApplyPage(
        IReadOnlyList<(string ProjectId, string Id)> page,
        RepriceRequest request,
        Func<StoredUsage, CostResult> price,
        RepriceCounts counts,
        CancellationToken cancellationToken)
    {
        using var transaction = _writer.BeginTransaction();
        using var select = Command(transaction, SelectSql);
        using var update = Command(transaction, UpdateSql);
        var pageCounts = new RepriceCounts();
        string? project = null;
        _rollups.Clear();
        foreach (var (projectId, id) in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!string.Equals(project, projectId, StringComparison.Ordinal))
            {
                Flush(transaction, project);
                project = projectId;
            }

            select.Parameters["$project"].Value = projectId;
            select.Parameters["$id"].Value = id;
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                continue;
            }

            var stored = Read(reader);
            reader.Close();

            // Checked again here: the event may have been replaced by a richer copy since the page was read.
            if (!Matches(stored, request))
            {
                continue;
            }

            var result = price(new StoredUsage(stored.Key.Provider, stored.Key.Model, stored.Usage, stored.Key.ServiceTier, stored.Timestamp));
            var cost = result.Priced && result.CostNanoUsd is { } nano ? nano : (long?)null;
            var changed = cost != stored.CostNano
                || !string.Equals(result.PriceId, stored.PriceId, StringComparison.Ordinal)
                || !string.Equals(result.ResolvedModel, stored.ResolvedModel, StringComparison.Ordinal);
            pageCounts.Add(stored.CostNano, cost, changed);
            if (!changed || request.DryRun)
            {
                continue;
            }

            update.Parameters["$project"].Value = projectId;
            update.Parameters["$id"].Value = id;
            update.Parameters["$cost"].Value = cost is { } c ? c : DBNull.Value;
            update.Parameters["$price_id"].Value = (object?)result.PriceId ?? DBNull.Value;
            update.Parameters["$resolved_model"].Value = (object?)result.ResolvedModel ?? DBNull.Value;
            update.ExecuteNonQuery();

            var tags = CanonicalTagsJson.Read(stored.Key.TagsJson);
            _rollups.Remove(stored.Key, tags, BatchRollups.PriceKeyOf(stored.CostNano, stored.PriceId), stored.CostNano, stored.Usage);
            _rollups.Add(stored.Key, tags, BatchRollups.PriceKeyOf(cost, result.PriceId), cost, stored.Usage);
            _rollups.Credentials.Reprice(stored.Key, stored.Instance, tags, stored.CostNano, cost, stored.Usage);
        }

        Flush(transaction, project);
        if (request.DryRun)
        {
            transaction.Rollback();
        }
        else
        {
            transaction.Commit();
        }

        counts.Merge(pageCounts);
    }

    private static bool Matches(StoredRow stored, RepriceRequest request) =>
        stored.Timestamp >= request.From && stored.Timestamp < request.To
        && (request.Provider is null || string.Equals(stored.Key.Provider, request.Provider, StringComparison.Ordinal))
        && (request.Model is null || string.Equals(stored.Key.Model, request.Model, StringComparison.Ordinal));

    private static StoredRow Read(SqliteDataReader reader)
    {
        string? Nullable(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        var milliseconds = reader.GetInt64(0);
        var (key, cost, usage) = StoredEventColumns.Read(reader, 1, UnixMilliseconds.ToInstant(milliseconds).ToUnixTimeSeconds());
        return new StoredRow(key, UnixMilliseconds.ToInstant(milliseconds), cost, Nullable(17), Nullable(18), usage, Nullable(19));
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in new[] { "$project", "$id", "$cost", "$price_id", "$resolved_model" })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }

        return command;
    }

    /// <summary>Writes the deltas summed for <paramref name="projectId"/>; rollup rows are keyed by project.</summary>
    private void Flush(SqliteTransaction transaction, string? projectId)
    {
        if (projectId is not null && !IsEmpty(_rollups))
        {
            _appender.ApplyRollupDeltas(transaction, projectId, _rollups);
        }

        _rollups.Clear();
    }

    private static bool IsEmpty(BatchRollups rollups) =>
        rollups.Full.Count == 0 && rollups.Dimensions.Count == 0 && rollups.DailyDimensions.Count == 0 && rollups.Prices.Count == 0
        && rollups.Credentials.IsEmpty;

    /// <summary>A stored event as re-pricing reads it.</summary>
    private sealed record StoredRow(RollupKey Key, DateTimeOffset Timestamp, long? CostNano, string? PriceId, string? ResolvedModel, TokenUsage Usage, string? Instance);
}
