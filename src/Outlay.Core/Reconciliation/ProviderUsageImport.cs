namespace Outlay.Core.Reconciliation;

/// <summary>What one provider usage file or API page held, duplicates of a natural key already summed.</summary>
/// <param name="Format">The format read: one of <see cref="UsageImportFormats"/>.</param>
/// <param name="Records">The records, in natural-key order.</param>
/// <param name="RowsRead">Rows read from the source before merging.</param>
/// <param name="HasMore">The page envelope's <c>has_more</c> (false for a file without one).</param>
/// <param name="NextPage">The page envelope's <c>next_page</c> cursor, or null.</param>
public sealed record ProviderUsageImport(
    string Format,
    IReadOnlyList<ProviderUsageRecord> Records,
    int RowsRead,
    bool HasMore,
    string? NextPage);
