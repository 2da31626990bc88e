using System.Globalization;
using Outlay.Core.Querying;

namespace Outlay.Storage.Conformance;

/// <summary>Compares spend results row by row, in order, with every sum (SpendRow holds a dictionary, so records do not compare by value).</summary>
internal static class SpendAssert
{
    public static void Equal(SpendResult expected, SpendResult actual, SpendQuery query)
    {
        Assert.Equal(expected.Rows.Select(r => Describe(r, query)).ToList(), actual.Rows.Select(r => Describe(r, query)).ToList());
        Assert.Equal(expected.TotalCostNanoUsd, actual.TotalCostNanoUsd);
        Assert.Equal(expected.UnpricedEvents, actual.UnpricedEvents);
        Assert.Equal(actual.Rows.Sum(r => r.CostNanoUsd), actual.TotalCostNanoUsd);
    }

    public static string Describe(SpendRow row, SpendQuery query) =>
        string.Join(
            " ",
            query.GroupBy.Select(d => d.Name + "=" + (row.Dimensions[d.Name] ?? "<null>"))
                .Append("bucket=" + row.Bucket?.ToString("O", CultureInfo.InvariantCulture))
                .Append(FormattableString.Invariant(
                    $"cost={row.CostNanoUsd} events={row.Events} in={row.InputTokens} out={row.OutputTokens} cr={row.CacheReadTokens} cw={row.CacheWriteTokens} rs={row.ReasoningTokens} unpriced={row.UnpricedEvents}")));
}
