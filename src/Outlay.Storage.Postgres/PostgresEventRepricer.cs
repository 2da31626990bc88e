using Npgsql;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Prices stored events again, a page of <see cref="RepriceRequest.BatchSize"/> at a time: the page is found without
/// locks, then one transaction locks the page's ids in <c>event_ids</c> (the lock a richer-duplicate replacement takes
/// too), re-reads each event, prices it, updates the changed ones and moves their rollup contribution through the same
/// <see cref="BatchRollups"/> deltas the append uses. A dry run rolls each page back.
/// </summary>
internal sealed class PostgresEventRepricer(NpgsqlDataSource dataSource)
{
    private const string LockSql = "SELECT id FROM event_ids WHERE project_id = @project AND id = ANY(@ids) ORDER BY id FOR UPDATE;";

    private const string SelectSql = """
        SELECT id, occurred_at, provider, model, operation, service, environment, key_label, status, service_tier, tags_json,
            cost_nano, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens,
            price_id, resolved_model, instance
        FROM events WHERE project_id = @project AND id = ANY(@ids) ORDER BY id;
        """;

    private const string UpdateSql = """
        UPDATE events e SET cost_nano = u.cost_nano, price_id = u.price_id, resolved_model = u.resolved_model
        FROM unnest(@ids, @costs, @price_ids, @models) AS u(id, cost_nano, price_id, resolved_model)
        WHERE e.project_id = @project AND e.id = u.id;
        """;

    public async Task<RepriceResult> RunAsync(RepriceRequest request, Func<StoredUsage, CostResult> price, CancellationToken cancellationToken)
    {
        var counts = new RepriceCounts();
        (string Project, Guid Id)? after = null;
        while (true)
        {
            var page = await NextPageAsync(request, after, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return counts.ToResult();
            }

            await ApplyPageAsync(page, request, price, counts, cancellationToken).ConfigureAwait(false);
            after = page[^1];
        }
    }

    private async Task<List<(string Project, Guid Id)>> NextPageAsync(RepriceRequest request, (string Project, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var where = new List<string> { "occurred_at >= @from", "occurred_at < @to" };
        if (request.ProjectId is not null)
        {
            where.Add("project_id = @project");
            command.Parameters.AddWithValue("project", request.ProjectId);
        }

        if (after is { } last)
        {
            where.Add("(project_id, id) > (@after_project, @after_id)");
            command.Parameters.AddWithValue("after_project", last.Project);
            command.Parameters.AddWithValue("after_id", last.Id);
        }

        if (request.Provider is not null)
        {
            where.Add("provider = @provider");
            command.Parameters.AddWithValue("provider", request.Provider);
        }

        if (request.Model is not null)
        {
            where.Add("model = @model");
            command.Parameters.AddWithValue("model", request.Model);
        }

        // Stored times are whole milliseconds, so bounds floored to the millisecond select what SQLite's ts_ms does.
        command.Parameters.AddWithValue("from", Milliseconds(request.From));
        command.Parameters.AddWithValue("to", Milliseconds(request.To));
        command.Parameters.AddWithValue("limit", RepriceRequest.BatchSize);
        command.CommandText = "SELECT project_id, id FROM events WHERE " + string.Join(" AND ", where) + " ORDER BY project_id, id LIMIT @limit;";
        var page = new List<(string, Guid)>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add((reader.GetString(0), reader.GetGuid(1)));
            }
        }

        return page;
    }

    private async Task ApplyPageAsync(
        List<(string Project, Guid Id)> page, RepriceRequest request, Func<StoredUsage, CostResult> price, RepriceCounts counts, CancellationToken cancellationToken)
    {
        var pageCounts = new RepriceCounts();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var group in page.GroupBy(p => p.Project, StringComparer.Ordinal))
                {
                    await ApplyProjectAsync(connection, group.Key, group.Select(p => p.Id).ToArray(), request, price, pageCounts, cancellationToken).ConfigureAwait(false);
                }

                if (request.DryRun)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        counts.Merge(pageCounts);
    }

    private static async Task ApplyProjectAsync(
        NpgsqlConnection connection, string projectId, Guid[] ids, RepriceRequest request, Func<StoredUsage, CostResult> price,
        RepriceCounts counts, CancellationToken cancellationToken)
    {
        await using (var lockIds = new NpgsqlCommand(LockSql, connection))
        {
            lockIds.Parameters.AddWithValue("project", projectId);
            lockIds.Parameters.AddWithValue("ids", ids);
            await lockIds.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rollups = new BatchRollups();
        var changedIds = new List<Guid>();
        var costs = new List<long?>();
        var priceIds = new List<string?>();
        var models = new List<string?>();
        await using (var select = new NpgsqlCommand(SelectSql, connection))
        {
            select.Parameters.AddWithValue("project", projectId);
            select.Parameters.AddWithValue("ids", ids);
            var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var stored = Read(reader);

                    // Checked again here: the event may have been replaced by a richer copy since the page was found.
                    if (!Matches(stored, request))
                    {
                        continue;
                    }

                    var result = price(new StoredUsage(stored.Key.Provider, stored.Key.Model, stored.Usage, stored.Key.ServiceTier, stored.Timestamp));
                    var cost = result.Priced && result.CostNanoUsd is { } nano ? nano : (long?)null;
                    var changed = cost != stored.CostNano
                        || !string.Equals(result.PriceId, stored.PriceId, StringComparison.Ordinal)
                        || !string.Equals(result.ResolvedModel, stored.ResolvedModel, StringComparison.Ordinal);
                    counts.Add(stored.CostNano, cost, changed);
                    if (!changed || request.DryRun)
                    {
                        continue;
                    }

                    changedIds.Add(stored.Id);
                    costs.Add(cost);
                    priceIds.Add(result.PriceId);
                    models.Add(result.ResolvedModel);
                    var tags = CanonicalTagsJson.Read(stored.Key.TagsJson);
                    rollups.Remove(stored.Key, tags, BatchRollups.PriceKeyOf(stored.CostNano, stored.PriceId), stored.CostNano, stored.Usage);
                    rollups.Add(stored.Key, tags, BatchRollups.PriceKeyOf(cost, result.PriceId), cost, stored.Usage);
                    rollups.Credentials.Reprice(stored.Key, stored.Instance, tags, stored.CostNano, cost, stored.Usage);
                }
            }
        }

        if (changedIds.Count == 0)
        {
            return;
        }

        await using (var update = new NpgsqlCommand(UpdateSql, connection))
        {
            update.Parameters.AddWithValue("project", projectId);
            update.Parameters.AddWithValue("ids", changedIds.ToArray());
            update.Parameters.AddWithValue("costs", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint, costs.ToArray());
            update.Parameters.AddWithValue("price_ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, priceIds.ToArray());
            update.Parameters.AddWithValue("models", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, models.ToArray());
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await RollupStaging.UpsertAsync(connection, projectId, rollups, cancellationToken).ConfigureAwait(false);
        await using var deleteEmpty = new NpgsqlCommand(RollupStaging.DeleteEmptyRowsSql, connection);
        deleteEmpty.Parameters.AddWithValue("project", projectId);
        await deleteEmpty.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool Matches(StoredRow stored, RepriceRequest request) =>
        stored.Timestamp >= DateTimeOffset.FromUnixTimeMilliseconds(request.From.ToUnixTimeMilliseconds())
        && stored.Timestamp < DateTimeOffset.FromUnixTimeMilliseconds(request.To.ToUnixTimeMilliseconds())
        && (request.Provider is null || string.Equals(stored.Key.Provider, request.Provider, StringComparison.Ordinal))
        && (request.Model is null || string.Equals(stored.Key.Model, request.Model, StringComparison.Ordinal));

    private static DateTime Milliseconds(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds()).UtcDateTime;

    private static StoredRow Read(NpgsqlDataReader reader)
    {
        string? Nullable(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        var timestamp = new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero);
        var (key, cost, usage) = StoredEventColumns.Read(reader, 2, timestamp.ToUnixTimeSeconds());
        return new StoredRow(reader.GetGuid(0), key, timestamp, cost, Nullable(18), Nullable(19), usage, Nullable(20));
    }

    /// <summary>A stored event as re-pricing reads it.</summary>
    private sealed record StoredRow(Guid Id, RollupKey Key, DateTimeOffset Timestamp, long? CostNano, string? PriceId, string? ResolvedModel, TokenUsage Usage, string? Instance);
}
