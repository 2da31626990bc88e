namespace Outlay.Sdk.Diagnostics;

/// <summary>A stopped GenAI span waiting for its GenAI parent, and when it stops waiting.</summary>
internal sealed class PendingSpan(GenAiSpan span, DateTimeOffset dueAt)
{
    public GenAiSpan Span { get; } = span;

    public DateTimeOffset DueAt { get; } = dueAt;

    public LinkedListNode<PendingSpan>? Node { get; set; }
}
