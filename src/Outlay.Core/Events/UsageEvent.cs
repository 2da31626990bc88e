namespace Outlay.Core.Events;

/// <summary>One validated v1 usage event, as accepted by the server (see DESIGN.md, "The event").</summary>
public sealed record UsageEvent
{
    public required Guid Id { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public string Operation { get; init; } = Operations.Chat;
    public required TokenUsage Usage { get; init; }
    public string ServiceTier { get; init; } = ServiceTiers.Default;
    public string Status { get; init; } = EventStatuses.Ok;
    public long? LatencyMs { get; init; }
    public string? Service { get; init; }
    public string? Environment { get; init; }
    public string? Instance { get; init; }
    public string? KeyLabel { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>The client's own cost estimate, kept beside the server's price; never used for totals.</summary>
    public decimal? ClientCostUsd { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>(0);
}
