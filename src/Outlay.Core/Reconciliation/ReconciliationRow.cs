namespace Outlay.Core.Reconciliation;

/// <summary>One day × provider × model × key of a reconciliation report: what the provider reports against what was tracked.</summary>
/// <param name="Day">Start of the UTC day.</param>
/// <param name="Provider">The provider.</param>
/// <param name="ProviderRef">The provider's key or project id(s) behind the row (comma-separated when several map to one label), or empty for tracked usage the provider did not report.</param>
/// <param name="KeyLabel">The mapped key label, or null when the provider ref is not mapped.</param>
/// <param name="Model">The model as the provider names it (the tracked name when the provider did not report it); empty when the provider report is not grouped by model.</param>
/// <param name="ProviderInputTokens">Input tokens the provider reports.</param>
/// <param name="ProviderOutputTokens">Output tokens the provider reports.</param>
/// <param name="ProviderCacheReadTokens">Cache-read tokens the provider reports.</param>
/// <param name="ProviderBatchTokens">Input + output tokens the provider reports in the batch tier.</param>
/// <param name="ProviderCostNanoUsd">Cost the provider reports, or null when it reports none.</param>
/// <param name="TrackedInputTokens">Input tokens tracked.</param>
/// <param name="TrackedOutputTokens">Output tokens tracked.</param>
/// <param name="TrackedCacheReadTokens">Cache-read tokens tracked.</param>
/// <param name="TrackedCostNanoUsd">Cost Outlay computed.</param>
/// <param name="TrackedEvents">Tracked events.</param>
/// <param name="TrackedUnpricedEvents">Tracked events with no price.</param>
/// <param name="GapTokens">Provider minus tracked, input + output tokens.</param>
/// <param name="GapPercent">The gap as a percentage of the tracked tokens (one decimal), or null when nothing was tracked.</param>
/// <param name="Cause">The likely cause: one of <see cref="ReconciliationCauses"/>.</param>
public sealed record ReconciliationRow(
    DateTimeOffset Day,
    string Provider,
    string ProviderRef,
    string? KeyLabel,
    string Model,
    long ProviderInputTokens,
    long ProviderOutputTokens,
    long ProviderCacheReadTokens,
    long ProviderBatchTokens,
    long? ProviderCostNanoUsd,
    long TrackedInputTokens,
    long TrackedOutputTokens,
    long TrackedCacheReadTokens,
    long TrackedCostNanoUsd,
    long TrackedEvents,
    long TrackedUnpricedEvents,
    long GapTokens,
    decimal? GapPercent,
    string Cause);
