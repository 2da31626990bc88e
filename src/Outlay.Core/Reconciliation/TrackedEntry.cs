namespace Outlay.Core.Reconciliation;

/// <summary>A tracked usage row during one reconciliation, with its compared model name and whether a provider row has taken it.</summary>
internal sealed class TrackedEntry(TrackedUsage usage, string modelKey)
{
    public TrackedUsage Usage { get; } = usage;

    public string ModelKey { get; } = modelKey;

    public bool Consumed { get; set; }
}
