namespace Outlay.Core.Reconciliation;

/// <summary>
/// One day of usage as the provider itself reports it (from an import or the admin usage API), normalised the
/// OpenTelemetry way: <see cref="InputTokens"/> counts all input, cached and cache-written included. The natural key
/// is (<see cref="Provider"/>, <see cref="Day"/>, <see cref="ProviderKeyId"/>, <see cref="ProviderProject"/>,
/// <see cref="Model"/>, <see cref="ServiceTier"/>); importing the same key again replaces the row.
/// </summary>
/// <param name="Provider">The provider (<c>openai</c>, <c>anthropic</c>, or as the CSV says).</param>
/// <param name="Day">Start of the UTC day.</param>
/// <param name="ProviderKeyId">The provider's API key id (<c>key_…</c>, <c>apikey_…</c>), or empty when not grouped by key.</param>
/// <param name="ProviderProject">The provider's project or workspace id, or empty.</param>
/// <param name="Model">The model, or empty when not grouped by model.</param>
/// <param name="ServiceTier">Outlay's service tier (<c>default</c>, <c>batch</c>, <c>flex</c>, <c>priority</c>), or empty when not grouped.</param>
/// <param name="Requests">Model requests, or null when the source does not say.</param>
/// <param name="InputTokens">All input tokens.</param>
/// <param name="OutputTokens">All output tokens.</param>
/// <param name="CacheReadTokens">Input tokens read from cache (part of <see cref="InputTokens"/>).</param>
/// <param name="CacheWriteTokens">Input tokens written to cache (part of <see cref="InputTokens"/>).</param>
/// <param name="CostNanoUsd">Cost the provider reports, in nano-dollars, or null when the source has none.</param>
/// <param name="Source">Where it came from: <c>openai_usage_json</c>, <c>anthropic_usage_json</c>, <c>csv</c>, <c>openai_api</c>, <c>anthropic_api</c>.</param>
/// <param name="ImportedAt">When it was imported.</param>
public sealed record ProviderUsageRecord(
    string Provider,
    DateTimeOffset Day,
    string ProviderKeyId,
    string ProviderProject,
    string Model,
    string ServiceTier,
    long? Requests,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long? CostNanoUsd,
    string Source,
    DateTimeOffset ImportedAt);
