namespace Outlay.Core.Querying;

/// <summary>One group of a spend result. <see cref="Dimensions"/> maps each group-by name to its value (null when unset).</summary>
public sealed record SpendRow(
    IReadOnlyDictionary<string, string?> Dimensions,
    DateTimeOffset? Bucket,
    long CostNanoUsd,
    long Events,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    long UnpricedEvents);
