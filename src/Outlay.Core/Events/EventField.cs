namespace Outlay.Core.Events;

/// <summary>The top-level fields of a v1 event.</summary>
internal enum EventField
{
    Unknown,
    Id,
    Timestamp,
    Provider,
    Model,
    Operation,
    Usage,
    ServiceTier,
    Status,
    LatencyMs,
    Service,
    Environment,
    Instance,
    KeyLabel,
    Tags,
    CostUsd,
}
