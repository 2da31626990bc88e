using Npgsql;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>Reads a project's stored events back as <see cref="PricedEvent"/>s, a page at a time in event id order, for a migration.</summary>
internal static class TransferEventReader
{
    // Each monthly partition's primary key (project_id, id, occurred_at) is in id order within the project, so the
    // planner merges the partitions' index scans (Merge Append) and stops after the limit: no sort of the whole project.
    private const string PageSql = """
        SELECT id, occurred_at, provider, model, operation, service_tier, status, latency_ms, service, environment, instance,
            key_label, tags_json, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
            reasoning_tokens, cost_nano, price_id, resolved_model, client_cost_nano, received_at
        FROM events
        WHERE project_id = @project AND id > @after
        ORDER BY id
        LIMIT @limit;
        """;

    private const string TotalsSql = """
        SELECT COUNT(*), COUNT(*) - COUNT(cost_nano), COALESCE(SUM(cost_nano), 0)::bigint, COALESCE(SUM(input_tokens), 0)::bigint,
            COALESCE(SUM(output_tokens), 0)::bigint, COALESCE(SUM(cache_read_tokens), 0)::bigint,
            COALESCE(SUM(cache_write_tokens), 0)::bigint, COALESCE(SUM(cache_write_1h_tokens), 0)::bigint,
            COALESCE(SUM(reasoning_tokens), 0)::bigint
        FROM events WHERE project_id = @project;
        """;

    public static async Task<EventPage> ReadPageAsync(NpgsqlDataSource dataSource, string projectId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PageSql);
        command.Parameters.AddWithValue("project", projectId);

        // The nil uuid sorts before every other, so it stands for "from the start" (no event has it: ids are checked on ingest).
        command.Parameters.AddWithValue("after", cursor is null ? Guid.Empty : ParseCursor(cursor));
        command.Parameters.AddWithValue("limit", limit);
        var events = new List<PricedEvent>(Math.Min(limit, 1024));
        Guid? last = null;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetGuid(0);
                last = id;
                events.Add(Read(reader, id));
            }
        }

        return new EventPage(events, last?.ToString("D"));
    }

    public static async Task<EventTotals> ReadTotalsAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(TotalsSql);
        command.Parameters.AddWithValue("project", projectId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new EventTotals(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
        }
    }

    private static Guid ParseCursor(string cursor) =>
        Guid.TryParseExact(cursor, "D", out var id)
            ? id
            : throw new ArgumentException("The cursor is not one this store returned.", nameof(cursor));

    private static PricedEvent Read(NpgsqlDataReader reader, Guid id)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        long? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
        DateTimeOffset Instant(int ordinal) => new(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
        var usage = new TokenUsage(
            reader.GetInt64(13), reader.GetInt64(14), reader.GetInt64(15), reader.GetInt64(16), reader.GetInt64(17), reader.GetInt64(18));
        var e = new UsageEvent
        {
            Id = id,
            Timestamp = Instant(1),
            Provider = reader.GetString(2),
            Model = reader.GetString(3),
            Operation = reader.GetString(4),
            ServiceTier = reader.GetString(5),
            Status = reader.GetString(6),
            LatencyMs = Number(7),
            Service = Text(8),
            Environment = Text(9),
            Instance = Text(10),
            KeyLabel = Text(11),
            Tags = CanonicalTagsJson.Read(reader.GetString(12)),
            Usage = usage,
            ClientCostUsd = Number(22) is { } clientNano ? NanoUsd.ToUsd(clientNano) : null,
        };
        var cost = Number(19);
        var price = new CostResult(cost is not null, cost, new Dictionary<string, long>(0), Text(20), Text(21));
        return new PricedEvent(e, price, Instant(23));
    }
}
