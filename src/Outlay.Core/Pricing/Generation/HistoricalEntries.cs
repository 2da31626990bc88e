namespace Outlay.Core.Pricing.Generation;

/// <summary>
/// Direct Anthropic entries that LiteLLM deleted on 2026-03-12 but that past calls still need. Prices from the
/// LiteLLM mirror snapshot of 2026-03-12 04:40 (4bbea6f0), reference/pricing.md §4. The haiku 1-hour write there (6)
/// is a data error; 1.6 (2 × input) is what Helicone and Langfuse use.
/// </summary>
internal static class HistoricalEntries
{
    private const string Snapshot = "litellm@4bbea6f0 (2026-03-12):";

    public static IReadOnlyList<PriceEntry> All { get; } =
    [
        Entry("claude-3-5-sonnet-20241022", new PriceRates(3m, 15m, 0.3m, 3.75m, 6m), "langfuse:claude-3.5-sonnet-20241022", null),
        Entry(
            "claude-3-5-haiku-20241022",
            new PriceRates(0.8m, 4m, 0.08m, 1m, 1.6m),
            "langfuse:claude-3-5-haiku-20241022",
            "cache_write_1h 6 in the LiteLLM snapshot is a data error; 1.6 (2 x input) as Helicone and Langfuse."),
    ];

    private static PriceEntry Entry(string model, PriceRates rates, string crossCheck, string? notes) => new()
    {
        Id = ProviderNames.Anthropic + "/" + model,
        Provider = ProviderNames.Anthropic,
        Model = model,
        Default = new TierPrices(rates, []),
        Source = Snapshot + model + "; " + crossCheck,
        Notes = "Kept after LiteLLM deleted the deprecated model." + (notes is null ? string.Empty : " " + notes),
    };
}
