namespace Outlay.Sdk.Diagnostics;

/// <summary>The allow-listed facts of one stopped GenAI inference activity, or of several merged ones reporting one call.</summary>
internal sealed class GenAiSpan
{
    /// <summary>The activity's <see cref="System.Diagnostics.Activity.Id"/>; children name it as the activity they wait for.</summary>
    public required string ActivityId { get; init; }

    /// <summary>The id of the nearest running GenAI inference ancestor, or null when there is none to wait for.</summary>
    public string? WaitFor { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public required string Operation { get; init; }

    public string? ResponseId { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? CacheReadTokens { get; init; }

    public long? CacheWriteTokens { get; init; }

    public long? ReasoningTokens { get; init; }

    public string? ServiceTier { get; init; }

    public string? Status { get; init; }

    public long LatencyMs { get; init; }

    public DateTimeOffset EndTime { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    private bool HasCacheDetail => CacheReadTokens is not null || CacheWriteTokens is not null;

    /// <summary>
    /// Merges a child span into its parent when both report one call. Token counts take the larger value; other fields
    /// come from the span with cache detail when only one has it, otherwise from the innermost (the child), and the
    /// other fills gaps (the operation takes the more specific of the two). Status, latency and end time are the parent's, which is what the application saw.
    /// The result stands for the parent (its id, and the ancestor it waits for).
    /// </summary>
    public static GenAiSpan Merge(GenAiSpan child, GenAiSpan parent)
    {
        var primary = parent.HasCacheDetail && !child.HasCacheDetail ? parent : child;
        var secondary = ReferenceEquals(primary, child) ? parent : child;
        return new GenAiSpan
        {
            ActivityId = parent.ActivityId,
            WaitFor = parent.WaitFor,
            Provider = primary.Provider ?? secondary.Provider,
            Model = primary.Model ?? secondary.Model,
            // Only Microsoft.Extensions.AI tells a Responses API call from a chat call (openai.api.type).
            Operation = primary.Operation == "chat" ? secondary.Operation : primary.Operation,
            ResponseId = primary.ResponseId ?? secondary.ResponseId,
            InputTokens = Max(primary.InputTokens, secondary.InputTokens),
            OutputTokens = Max(primary.OutputTokens, secondary.OutputTokens),
            CacheReadTokens = Max(primary.CacheReadTokens, secondary.CacheReadTokens),
            CacheWriteTokens = Max(primary.CacheWriteTokens, secondary.CacheWriteTokens),
            ReasoningTokens = Max(primary.ReasoningTokens, secondary.ReasoningTokens),
            ServiceTier = primary.ServiceTier ?? secondary.ServiceTier,
            Status = parent.Status ?? child.Status,
            LatencyMs = Math.Max(parent.LatencyMs, child.LatencyMs),
            EndTime = parent.EndTime > child.EndTime ? parent.EndTime : child.EndTime,
            Tags = MergeTags(primary.Tags, secondary.Tags),
        };
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static IReadOnlyDictionary<string, string>? MergeTags(IReadOnlyDictionary<string, string>? primary, IReadOnlyDictionary<string, string>? secondary)
    {
        if (primary is null || secondary is null)
        {
            return primary ?? secondary;
        }

        var merged = new Dictionary<string, string>(secondary, StringComparer.Ordinal);
        foreach (var (key, value) in primary)
        {
            merged[key] = value;
        }

        return merged;
    }
}
