using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Explore;

/// <summary>Orders and caps the rows of an Explore view; the table and both exports use this, so they hold the same rows.</summary>
internal static class ExploreRows
{
    /// <summary>Most rows shown or exported: 5,000.</summary>
    public const int MaxRows = 5_000;

    /// <summary>
    /// The rows in the view's order, at most <see cref="MaxRows"/>. The sort is stable over the store's order (cost
    /// descending, then group values), so the default view lists rows exactly as the API does.
    /// </summary>
    public static IReadOnlyList<SpendRow> Arrange(SpendResult result, ExploreRequest view)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(view);
        IEnumerable<SpendRow> rows = result.Rows;
        if (view.Sort != ExploreRequest.DefaultSort || !view.Descending)
        {
            rows = view.Sort switch
            {
                "bucket" => Order(rows, r => r.Bucket, view.Descending),
                "cost" => Order(rows, r => r.CostNanoUsd, view.Descending),
                "events" => Order(rows, r => r.Events, view.Descending),
                "unpriced_events" => Order(rows, r => r.UnpricedEvents, view.Descending),
                "input_tokens" => Order(rows, r => r.InputTokens, view.Descending),
                "output_tokens" => Order(rows, r => r.OutputTokens, view.Descending),
                "cache_read_tokens" => Order(rows, r => r.CacheReadTokens, view.Descending),
                "cache_write_tokens" => Order(rows, r => r.CacheWriteTokens, view.Descending),
                "reasoning_tokens" => Order(rows, r => r.ReasoningTokens, view.Descending),
                _ => view.Descending
                    ? rows.OrderByDescending(r => r.Dimensions.GetValueOrDefault(view.Sort), StringComparer.Ordinal)
                    : rows.OrderBy(r => r.Dimensions.GetValueOrDefault(view.Sort), StringComparer.Ordinal),
            };
        }

        return rows.Take(MaxRows).ToList();
    }

    private static IEnumerable<SpendRow> Order<TKey>(IEnumerable<SpendRow> rows, Func<SpendRow, TKey> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}
