using Microsoft.Data.Sqlite;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>Reads a project's stored events back as <see cref="PricedEvent"/>s, a page at a time in event id order, for a migration.</summary>
internal static class TransferEventReader
{
    // The primary key (project_id, id) serves both the range and the order: a page is one contiguous index range.
    private const string PageSql = """
        SELECT id, ts_ms, provider, model, operation, service_tier, status, latency_ms, service, environment, instance,
            key_label, tags_json, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
            reasoning_tokens, cost_nano, price_id, resolved_model, client_cost_nano, received_ms
        FROM events
        WHERE project_id = $project AND id > $after
        ORDER BY id
        LIMIT $limit;
        """;

    private const string TotalsSql = """
        SELECT COUNT(*), COUNT(*) - COUNT(cost_nano), COALESCE(SUM(cost_nano), 0), COALESCE(SUM(input_tokens), 0),
            COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cache_read_tokens), 0), COALESCE(SUM(cache_write_tokens), 0),
            COALESCE(SUM(cache_write_1h_tokens), 0), COALESCE(SUM(reasoning_tokens), 0)
        FROM events WHERE project_id = $project;
        """;

    public static EventPage ReadPage(SqliteConnection connection, string projectId, string? cursor, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PageSql;
        command.Parameters.AddWithValue("$project", projectId);

        // '' sorts before every id, so it stands for "from the start".
        command.Parameters.AddWithValue("$after", cursor ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
        var events = new List<PricedEvent>(Math.Min(limit, 1024));
        string? last = null;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            last = reader.GetString(0);
            events.Add(Read(reader, last));
        }

        return new EventPage(events, last);
    }

    public static EventTotals ReadTotals(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TotalsSql;
        command.Parameters.AddWithValue("$project", projectId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new EventTotals(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
    }

    private static PricedEvent Read(SqliteDataReader reader, string id)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        long? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
        var usage = new TokenUsage(
            reader.GetInt64(13), reader.GetInt64(14), reader.GetInt64(15), reader.GetInt64(16), reader.GetInt64(17), reader.GetInt64(18));
        var e = new UsageEvent
        {
            Id = Guid.Parse(id),
            Timestamp = UnixMilliseconds.ToInstant(reader.GetInt64(1)),
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
        return new PricedEvent(e, price, UnixMilliseconds.ToInstant(reader.GetInt64(23)));
    }
}
