namespace Outlay.Core.Reconciliation;

/// <summary>What Outlay's own events recorded for one UTC day, provider, key label, model and service tier.</summary>
/// <param name="Day">Start of the UTC day.</param>
/// <param name="Provider">The provider.</param>
/// <param name="KeyLabel">The key label, or empty when the events had none.</param>
/// <param name="Model">The model as the SDK or span reported it.</param>
/// <param name="ServiceTier">The service tier (<c>default</c>, <c>batch</c>, …).</param>
/// <param name="InputTokens">All input tokens, cache included.</param>
/// <param name="OutputTokens">All output tokens.</param>
/// <param name="CacheReadTokens">Input tokens read from cache.</param>
/// <param name="CostNanoUsd">Cost Outlay computed, in nano-dollars (unpriced events count zero).</param>
/// <param name="Events">Events.</param>
/// <param name="UnpricedEvents">Events with no price.</param>
public sealed record TrackedUsage(
    DateTimeOffset Day,
    string Provider,
    string KeyLabel,
    string Model,
    string ServiceTier,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CostNanoUsd,
    long Events,
    long UnpricedEvents);
