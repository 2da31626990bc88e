namespace Outlay.Core.Events;

/// <summary>The fields of one event as read so far, before the whole event is known to be valid.</summary>
internal sealed class EventDraft
{
    private int seenFields;

    public EventIssues Issues { get; } = new();

    public Guid? Id { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public string? Provider { get; set; }

    public string? Model { get; set; }

    public string? Operation { get; set; }

    public TokenUsage? Usage { get; set; }

    public bool UsagePresent { get; set; }

    public string? ServiceTier { get; set; }

    public string? Status { get; set; }

    public long? LatencyMs { get; set; }

    public string? Service { get; set; }

    public string? Environment { get; set; }

    public string? Instance { get; set; }

    public string? KeyLabel { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    public decimal? ClientCostUsd { get; set; }

    /// <summary>Marks a field as seen; false when it was already seen (a duplicate property).</summary>
    public bool MarkSeen(EventField field)
    {
        var bit = 1 << (int)field;
        var firstTime = (seenFields & bit) == 0;
        seenFields |= bit;
        return firstTime;
    }
}
