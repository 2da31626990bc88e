using System.Text;

namespace Outlay.Core.Querying;

/// <summary>
/// The store's row order, for rows built outside SQL: cost descending, then each group-by value ascending (unset first,
/// then by UTF-8 bytes, as SQLite's BINARY collation compares), then bucket ascending.
/// </summary>
internal sealed class SpendRowOrder(IReadOnlyList<SpendDimension> groupBy) : IComparer<SpendRow>
{
    public int Compare(SpendRow? x, SpendRow? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byCost = y.CostNanoUsd.CompareTo(x.CostNanoUsd);
        if (byCost != 0)
        {
            return byCost;
        }

        foreach (var dimension in groupBy)
        {
            x.Dimensions.TryGetValue(dimension.Name, out var a);
            y.Dimensions.TryGetValue(dimension.Name, out var b);
            var byValue = CompareValues(a, b);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return Nullable.Compare(x.Bucket, y.Bucket);
    }

    private static int CompareValues(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        // UTF-16 ordinal order differs from UTF-8 byte order only around surrogates, so compare bytes only then.
        var ordinal = string.CompareOrdinal(a, b);
        if (ordinal == 0 || (!HasSurrogate(a) && !HasSurrogate(b)))
        {
            return ordinal;
        }

        return Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
    }

    private static bool HasSurrogate(string s)
    {
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
