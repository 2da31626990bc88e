using Outlay.Core.Reconciliation;

namespace Outlay.Server.Reconciliation;

/// <summary>What one pull from a provider's admin API read.</summary>
/// <param name="Records">The records of every page read.</param>
/// <param name="Pages">How many pages were read.</param>
/// <param name="Truncated">True when <see cref="AdminUsageFetcher.MaxPages"/> stopped the pull before the last page.</param>
internal sealed record AdminUsagePull(IReadOnlyList<ProviderUsageRecord> Records, int Pages, bool Truncated);
