namespace Outlay.Core.Pricing;

/// <summary>
/// The price of one call. Unpriced (no matching price) is <see cref="Priced"/> = false and a null cost, never $0.
/// </summary>
/// <param name="Priced">Whether a price entry matched.</param>
/// <param name="CostNanoUsd">Total in integer nano-dollars (1e-9 USD); equals the sum of <paramref name="BreakdownNanoUsd"/>.</param>
/// <param name="BreakdownNanoUsd">Category (see <see cref="CostCategories"/>) to nano-dollars; only non-zero token categories.</param>
/// <param name="PriceId">Identifier of the catalog entry used (stable, e.g. <c>openai/gpt-4o@2024-05-13</c>).</param>
/// <param name="ResolvedModel">The catalog model the input model resolved to.</param>
public sealed record CostResult(
    bool Priced,
    long? CostNanoUsd,
    IReadOnlyDictionary<string, long> BreakdownNanoUsd,
    string? PriceId,
    string? ResolvedModel)
{
    public static CostResult Unpriced { get; } = new(false, null, new Dictionary<string, long>(0), null, null);
}
