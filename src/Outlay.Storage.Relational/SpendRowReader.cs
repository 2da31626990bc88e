using System.Data.Common;
using Outlay.Core.Querying;

namespace Outlay.Storage.Relational;

/// <summary>
/// Reads the rows of a spend statement (group values, the bucket when the query has an interval, then cost, events,
/// unpriced events and five token sums) and totals them exactly. Every engine's spend SQL emits this column order.
/// </summary>
internal static class SpendRowReader
{
    public static async Task<SpendResult> ReadAsync(DbDataReader reader, SpendQuery query, CancellationToken cancellationToken)
    {
        var rows = new List<SpendRow>();
        var dimensionCount = query.GroupBy.Count;
        var hasBucket = query.Interval != SpendInterval.None;
        var sums = dimensionCount + (hasBucket ? 1 : 0);
        long totalCost = 0;
        long totalUnpriced = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // An aggregate without GROUP BY yields one all-NULL row when nothing matched: that is no row.
            if (reader.IsDBNull(sums + 1))
            {
                continue;
            }

            var dimensions = new Dictionary<string, string?>(dimensionCount, StringComparer.Ordinal);
            for (var i = 0; i < dimensionCount; i++)
            {
                dimensions[query.GroupBy[i].Name] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }

            DateTimeOffset? bucket = hasBucket ? DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(dimensionCount)) : null;
            var row = new SpendRow(
                dimensions,
                bucket,
                CostNanoUsd: reader.GetInt64(sums),
                Events: reader.GetInt64(sums + 1),
                InputTokens: reader.GetInt64(sums + 3),
                OutputTokens: reader.GetInt64(sums + 4),
                CacheReadTokens: reader.GetInt64(sums + 5),
                CacheWriteTokens: reader.GetInt64(sums + 6),
                ReasoningTokens: reader.GetInt64(sums + 7),
                UnpricedEvents: reader.GetInt64(sums + 2));
            rows.Add(row);

            // The total is the sum of the rows, so the two can never disagree.
            totalCost = checked(totalCost + row.CostNanoUsd);
            totalUnpriced = checked(totalUnpriced + row.UnpricedEvents);
        }

        return new SpendResult(rows, totalCost, totalUnpriced);
    }
}
