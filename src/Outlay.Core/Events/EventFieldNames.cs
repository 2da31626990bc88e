using System.Text.Json;

namespace Outlay.Core.Events;

/// <summary>Matches a property name at the reader to an <see cref="EventField"/> without allocating.</summary>
internal static class EventFieldNames
{
    public static EventField Match(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? EventField.Id
        : reader.ValueTextEquals("timestamp"u8) ? EventField.Timestamp
        : reader.ValueTextEquals("provider"u8) ? EventField.Provider
        : reader.ValueTextEquals("model"u8) ? EventField.Model
        : reader.ValueTextEquals("operation"u8) ? EventField.Operation
        : reader.ValueTextEquals("usage"u8) ? EventField.Usage
        : reader.ValueTextEquals("service_tier"u8) ? EventField.ServiceTier
        : reader.ValueTextEquals("status"u8) ? EventField.Status
        : reader.ValueTextEquals("latency_ms"u8) ? EventField.LatencyMs
        : reader.ValueTextEquals("service"u8) ? EventField.Service
        : reader.ValueTextEquals("environment"u8) ? EventField.Environment
        : reader.ValueTextEquals("instance"u8) ? EventField.Instance
        : reader.ValueTextEquals("key_label"u8) ? EventField.KeyLabel
        : reader.ValueTextEquals("tags"u8) ? EventField.Tags
        : reader.ValueTextEquals("cost_usd"u8) ? EventField.CostUsd
        : EventField.Unknown;

    /// <summary>The wire name of a known field, for error messages.</summary>
    public static string WireName(EventField field) => field switch
    {
        EventField.Id => "id",
        EventField.Timestamp => "timestamp",
        EventField.Provider => "provider",
        EventField.Model => "model",
        EventField.Operation => "operation",
        EventField.Usage => "usage",
        EventField.ServiceTier => "service_tier",
        EventField.Status => "status",
        EventField.LatencyMs => "latency_ms",
        EventField.Service => "service",
        EventField.Environment => "environment",
        EventField.Instance => "instance",
        EventField.KeyLabel => "key_label",
        EventField.Tags => "tags",
        EventField.CostUsd => "cost_usd",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
