using System.Globalization;
using System.Text;
using System.Text.Json;
using Outlay.Core.Events;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// One stored version of an event, as the event log holds it. Written as one JSONEachRow object (values only in the
/// body, never in SQL text) with a sign: +1 stores it, −1 cancels an identical row stored earlier.
/// </summary>
internal sealed class EventRow
{
    public required string ProjectId { get; init; }

    public required string Id { get; init; }

    public required long OccurredMs { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    public required string Operation { get; init; }

    public required string ServiceTier { get; init; }

    public required string Status { get; init; }

    public long? LatencyMs { get; init; }

    public string? Service { get; init; }

    public string? Environment { get; init; }

    public string? Instance { get; init; }

    public string? KeyLabel { get; init; }

    public required string TagsJson { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    public required TokenUsage Usage { get; init; }

    public long? CostNano { get; init; }

    public string? PriceId { get; init; }

    public string? ResolvedModel { get; init; }

    public long? ClientCostNano { get; init; }

    public required long ReceivedMs { get; init; }

    /// <summary>The UTC hour (Unix seconds) the event rolls up under.</summary>
    public long Hour => RollupKey.HourOf(DateTimeOffset.FromUnixTimeMilliseconds(OccurredMs).ToUnixTimeSeconds());

    /// <summary>The row for an accepted event of <paramref name="projectId"/>.</summary>
    public static EventRow Of(string projectId, PricedEvent priced, StringBuilder scratch)
    {
        ArgumentNullException.ThrowIfNull(priced);
        var e = priced.Event;
        return new EventRow
        {
            ProjectId = projectId,
            Id = e.Id.ToString("D"),
            OccurredMs = e.Timestamp.ToUnixTimeMilliseconds(),
            Provider = e.Provider,
            Model = e.Model,
            Operation = e.Operation,
            ServiceTier = e.ServiceTier,
            Status = e.Status,
            LatencyMs = e.LatencyMs,
            Service = e.Service,
            Environment = e.Environment,
            Instance = e.Instance,
            KeyLabel = e.KeyLabel,
            TagsJson = CanonicalTagsJson.Write(e.Tags, scratch),
            Tags = e.Tags,
            Usage = e.Usage,
            CostNano = priced.Cost.Priced && priced.Cost.CostNanoUsd is { } cost ? cost : null,
            PriceId = priced.Cost.PriceId,
            ResolvedModel = priced.Cost.ResolvedModel,
            ClientCostNano = ClientCostNanoOf(e.ClientCostUsd),
            ReceivedMs = priced.ReceivedAt.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>Reads a row selected as <see cref="ClickHouseSchemaV1.EventVersionColumns"/>.</summary>
    public static EventRow Read(JsonElement row)
    {
        var tagsJson = Text(row, "tags_json");
        return new EventRow
        {
            ProjectId = Text(row, "project_id"),
            Id = Text(row, "id"),
            OccurredMs = Json.Int64(row.GetProperty("occurred_ms")),
            Provider = Text(row, "provider"),
            Model = Text(row, "model"),
            Operation = Text(row, "operation"),
            ServiceTier = Text(row, "service_tier"),
            Status = Text(row, "status"),
            LatencyMs = Json.NullableInt64(row.GetProperty("latency_ms")),
            Service = NullableText(row, "service"),
            Environment = NullableText(row, "environment"),
            Instance = NullableText(row, "instance"),
            KeyLabel = NullableText(row, "key_label"),
            TagsJson = tagsJson,
            Tags = CanonicalTagsJson.Read(tagsJson),
            Usage = new TokenUsage(
                Json.Int64(row.GetProperty("input_tokens")),
                Json.Int64(row.GetProperty("output_tokens")),
                Json.Int64(row.GetProperty("cache_read_tokens")),
                Json.Int64(row.GetProperty("cache_write_tokens")),
                Json.Int64(row.GetProperty("cache_write_1h_tokens")),
                Json.Int64(row.GetProperty("reasoning_tokens"))),
            CostNano = Json.NullableInt64(row.GetProperty("cost_nano")),
            PriceId = NullableText(row, "price_id"),
            ResolvedModel = NullableText(row, "resolved_model"),
            ClientCostNano = Json.NullableInt64(row.GetProperty("client_cost_nano")),
            ReceivedMs = Json.Int64(row.GetProperty("received_ms")),
        };
    }

    /// <summary>A copy with another price (re-pricing).</summary>
    public EventRow WithPrice(long? costNano, string? priceId, string? resolvedModel) => new()
    {
        ProjectId = ProjectId, Id = Id, OccurredMs = OccurredMs, Provider = Provider, Model = Model, Operation = Operation,
        ServiceTier = ServiceTier, Status = Status, LatencyMs = LatencyMs, Service = Service, Environment = Environment,
        Instance = Instance, KeyLabel = KeyLabel, TagsJson = TagsJson, Tags = Tags, Usage = Usage, CostNano = costNano,
        PriceId = priceId, ResolvedModel = resolvedModel, ClientCostNano = ClientCostNano, ReceivedMs = ReceivedMs,
    };

    /// <summary>True when <paramref name="candidate"/> is the same call with strictly more detail (same rule as every engine).</summary>
    public bool IsPoorerThan(UsageEvent candidate) =>
        new StoredEvent(new RollupKey(Hour, Provider, Model, Operation, string.Empty, string.Empty, string.Empty, Status, ServiceTier, TagsJson), string.Empty, CostNano, Usage)
            .IsPoorerThan(candidate);

    /// <summary>Writes this row as one JSONEachRow object with <paramref name="sign"/> (+1 or −1), in column order.</summary>
    public void Write(Utf8JsonWriter writer, int sign)
    {
        writer.WriteStartObject();
        writer.WriteString("project_id", ProjectId);
        writer.WriteString("id", Id);
        writer.WriteNumber("sign", sign);
        writer.WriteString("occurred_date", DateTimeOffset.FromUnixTimeMilliseconds(OccurredMs).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteNumber("occurred_ms", OccurredMs);
        writer.WriteNumber("hour", Hour);
        writer.WriteString("provider", Provider);
        writer.WriteString("model", Model);
        writer.WriteString("operation", Operation);
        writer.WriteString("service_tier", ServiceTier);
        writer.WriteString("status", Status);
        WriteNullable(writer, "latency_ms", LatencyMs);
        WriteNullable(writer, "service", Service);
        WriteNullable(writer, "environment", Environment);
        WriteNullable(writer, "instance", Instance);
        WriteNullable(writer, "key_label", KeyLabel);
        writer.WriteString("tags_json", TagsJson);
        var keys = Tags.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        writer.WriteStartArray("tag_keys");
        foreach (var key in keys)
        {
            writer.WriteStringValue(key);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tag_values");
        foreach (var key in keys)
        {
            writer.WriteStringValue(Tags[key]);
        }

        writer.WriteEndArray();
        writer.WriteNumber("input_tokens", Usage.InputTokens);
        writer.WriteNumber("output_tokens", Usage.OutputTokens);
        writer.WriteNumber("cache_read_tokens", Usage.CacheReadTokens);
        writer.WriteNumber("cache_write_tokens", Usage.CacheWriteTokens);
        writer.WriteNumber("cache_write_1h_tokens", Usage.CacheWrite1hTokens);
        writer.WriteNumber("reasoning_tokens", Usage.ReasoningTokens);
        WriteNullable(writer, "cost_nano", CostNano);
        WriteNullable(writer, "price_id", PriceId);
        WriteNullable(writer, "resolved_model", ResolvedModel);
        WriteNullable(writer, "client_cost_nano", ClientCostNano);
        writer.WriteNumber("received_ms", ReceivedMs);
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Text(JsonElement row, string name) => row.GetProperty(name).GetString() ?? string.Empty;

    private static string? NullableText(JsonElement row, string name) =>
        row.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static long? ClientCostNanoOf(decimal? usd)
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
}
