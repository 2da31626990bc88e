namespace Outlay.Core.Querying;

/// <summary>
/// Which price the server used for which model over a range: one row per (provider, model as sent, price entry id).
/// <see cref="PriceId"/> is null for unpriced events.
/// </summary>
public sealed record PriceUsageRow(
    string Provider,
    string Model,
    string? PriceId,
    long Events,
    long UnpricedEvents,
    long CostNanoUsd,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens);
