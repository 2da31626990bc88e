using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Core.Reconciliation;

/// <summary>Loads tracked usage for reconciliation: spend grouped by provider, model, key label and tier per UTC day.</summary>
public static class TrackedUsageQuery
{
    private static readonly IReadOnlyList<SpendDimension> GroupBy =
    [
        SpendDimension.Parse("provider", "group_by"), SpendDimension.Parse("model", "group_by"),
        SpendDimension.Parse("key_label", "group_by"), SpendDimension.Parse("service_tier", "group_by"),
    ];

    /// <summary>Tracked usage for UTC days starting in [<paramref name="from"/>, <paramref name="to"/>) (both truncated to the day).</summary>
    public static async Task<IReadOnlyList<TrackedUsage>> LoadAsync(
        IOutlayStore store, string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var query = new SpendQuery(UsageJson.DayOf(from), UsageJson.DayOf(to), GroupBy, SpendInterval.Day, []);
        var result = await store.QuerySpendAsync(projectId, query, cancellationToken).ConfigureAwait(false);
        return result.Rows
            .Where(row => row.Bucket is not null)
            .Select(row => new TrackedUsage(
                UsageJson.DayOf(row.Bucket!.Value),
                Dimension(row, "provider"),
                Dimension(row, "key_label"),
                Dimension(row, "model"),
                Dimension(row, "service_tier"),
                row.InputTokens,
                row.OutputTokens,
                row.CacheReadTokens,
                row.CostNanoUsd,
                row.Events,
                row.UnpricedEvents))
            .ToList();
    }

    private static string Dimension(SpendRow row, string name) =>
        row.Dimensions.TryGetValue(name, out var value) ? value ?? string.Empty : string.Empty;
}
