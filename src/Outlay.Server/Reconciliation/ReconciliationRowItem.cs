using System.Globalization;
using Outlay.Core.Pricing;
using Outlay.Core.Reconciliation;

namespace Outlay.Server.Reconciliation;

/// <summary>
/// One day × provider × model × key of the reconciliation report as the API shows it. Costs are exact decimal USD
/// (from nano-dollars); the provider's cost is null when its report has none.
/// </summary>
internal sealed record ReconciliationRowItem(
    string Day,
    string Provider,
    string ProviderRef,
    string? KeyLabel,
    string Model,
    long ProviderInputTokens,
    long ProviderOutputTokens,
    long ProviderCacheReadTokens,
    long ProviderBatchTokens,
    decimal? ProviderCostUsd,
    long TrackedInputTokens,
    long TrackedOutputTokens,
    long TrackedCacheReadTokens,
    decimal TrackedCostUsd,
    long TrackedEvents,
    long TrackedUnpricedEvents,
    long GapTokens,
    decimal? GapPercent,
    string Cause)
{
    public static ReconciliationRowItem From(ReconciliationRow row) => new(
        row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.Provider,
        row.ProviderRef,
        row.KeyLabel,
        row.Model,
        row.ProviderInputTokens,
        row.ProviderOutputTokens,
        row.ProviderCacheReadTokens,
        row.ProviderBatchTokens,
        row.ProviderCostNanoUsd is { } cost ? NanoUsd.ToUsd(cost) : null,
        row.TrackedInputTokens,
        row.TrackedOutputTokens,
        row.TrackedCacheReadTokens,
        NanoUsd.ToUsd(row.TrackedCostNanoUsd),
        row.TrackedEvents,
        row.TrackedUnpricedEvents,
        row.GapTokens,
        row.GapPercent,
        row.Cause);
}
