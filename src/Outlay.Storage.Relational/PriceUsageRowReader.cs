using System.Data.Common;
using Outlay.Core.Querying;

namespace Outlay.Storage.Relational;

/// <summary>
/// Reads the rows of a price-usage statement: provider, model, price id ('' when unpriced, reported as null), then
/// events, unpriced events, cost and five token sums. Every engine's price-usage SQL emits this column order.
/// </summary>
internal static class PriceUsageRowReader
{
    public static async Task<IReadOnlyList<PriceUsageRow>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<PriceUsageRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var priceId = reader.GetString(2);
            rows.Add(new PriceUsageRow(
                Provider: reader.GetString(0),
                Model: reader.GetString(1),
                PriceId: priceId.Length == 0 ? null : priceId,
                Events: reader.GetInt64(3),
                UnpricedEvents: reader.GetInt64(4),
                CostNanoUsd: reader.GetInt64(5),
                InputTokens: reader.GetInt64(6),
                OutputTokens: reader.GetInt64(7),
                CacheReadTokens: reader.GetInt64(8),
                CacheWriteTokens: reader.GetInt64(9),
                ReasoningTokens: reader.GetInt64(10)));
        }

        return rows;
    }
}
