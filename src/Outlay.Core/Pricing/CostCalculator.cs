using Outlay.Core.Events;

namespace Outlay.Core.Pricing;

/// <summary>
/// Prices one call. Usage is split into disjoint buckets (uncached input, cache reads, 5-minute writes, 1-hour
/// writes, output, and reasoning only where the entry has a separate reasoning rate); each bucket is priced with
/// exact decimals, multiplied by the discount factor, and rounded to nano-dollars on its own. The total is the sum
/// of those rounded parts, so totals always equal the sum of the breakdown.
/// </summary>
public sealed class CostCalculator
{
    private const decimal TokensPerRateUnit = 1_000_000m;

    private readonly PriceCatalog catalog;
    private readonly PricingConfiguration? configuration;

    /// <summary>Creates a calculator over <paramref name="catalog"/>; user prices in <paramref name="configuration"/> take precedence.</summary>
    /// <param name="catalog">Usually <see cref="PriceCatalog.BuiltIn"/>.</param>
    /// <param name="configuration">Overrides, discounts and Azure deployment names; null = none.</param>
    public CostCalculator(PriceCatalog catalog, PricingConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.configuration = configuration;
        this.catalog = configuration is null ? catalog : configuration.ApplyTo(catalog);
    }

    /// <summary>The catalog actually used (user prices layered over the given catalog).</summary>
    public PriceCatalog Catalog => catalog;

    /// <summary>
    /// Prices a call. Returns <see cref="CostResult.Unpriced"/> (never $0) when the model does not resolve, when the
    /// entry offers no price for <paramref name="serviceTier"/>, or when a non-default tier has no long-context
    /// price for a prompt that is above the default tier's long-context threshold.
    /// </summary>
    /// <param name="provider">Provider as reported (any accepted spelling, see <see cref="ProviderNames"/>).</param>
    /// <param name="model">Model as reported (snapshot, prefixed, Bedrock id, Azure deployment name, …).</param>
    /// <param name="usage">Token counts, OpenTelemetry convention (input includes cache; output includes reasoning).</param>
    /// <param name="serviceTier"><c>default</c>, <c>batch</c>, <c>flex</c> or <c>priority</c>; null or empty = default.</param>
    /// <param name="at">When the call happened; selects the effective-dated entry.</param>
    public CostResult Calculate(string provider, string model, TokenUsage usage, string serviceTier, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(usage);
        var canonicalProvider = ProviderNames.Normalize(provider);
        var modelName = configuration?.MapAzureDeployment(canonicalProvider, model) ?? model;
        var entry = catalog.Resolve(canonicalProvider, modelName, at);
        if (entry is null)
        {
            return CostResult.Unpriced;
        }

        var tierName = string.IsNullOrWhiteSpace(serviceTier) ? ServiceTiers.Default : serviceTier.Trim().ToLowerInvariant();
        var tier = entry.ForServiceTier(tierName);
        if (tier is null)
        {
            return CostResult.Unpriced;
        }

        var cacheRead = Math.Max(0, usage.CacheReadTokens);
        var write5m = Math.Max(0, usage.CacheWriteTokens);
        var write1h = Math.Max(0, usage.CacheWrite1hTokens);
        // The long-context rule counts the whole prompt, cache included; guard against input reported without cache.
        var promptTokens = Math.Max(Math.Max(0, usage.InputTokens), cacheRead + write5m + write1h);
        var longContext = tier.LongContextFor(promptTokens);
        if (longContext is null && !ReferenceEquals(tier, entry.Default) && entry.Default.LongContextFor(promptTokens) is not null)
        {
            // The facts give no long-context price for this variant: unpriced is safer than a base-tier guess.
            return CostResult.Unpriced;
        }

        var rates = longContext?.Rates ?? tier.Rates;
        var factor = configuration?.DiscountFactorFor(canonicalProvider, entry.Model) ?? 1m;
        var breakdown = new Dictionary<string, long>(StringComparer.Ordinal);
        Add(breakdown, CostCategories.Input, usage.UncachedInputTokens, rates.Input, factor);
        Add(breakdown, CostCategories.CacheRead, cacheRead, rates.CacheRead ?? rates.Input, factor);
        Add(breakdown, CostCategories.CacheWrite5m, write5m, rates.CacheWrite5m ?? rates.Input, factor);
        Add(breakdown, CostCategories.CacheWrite1h, write1h, rates.CacheWrite1h ?? rates.CacheWrite5m ?? rates.Input, factor);
        var output = Math.Max(0, usage.OutputTokens);
        if (rates.Reasoning is { } reasoningRate)
        {
            var reasoning = Math.Min(Math.Max(0, usage.ReasoningTokens), output);
            Add(breakdown, CostCategories.Output, output - reasoning, rates.Output, factor);
            Add(breakdown, CostCategories.Reasoning, reasoning, reasoningRate, factor);
        }
        else
        {
            Add(breakdown, CostCategories.Output, output, rates.Output, factor);
        }

        var total = breakdown.Values.Sum();
        var priceId = entry.Id
            + (tierName == ServiceTiers.Default ? string.Empty : "#" + tierName)
            + (longContext is null ? string.Empty : "#" + longContext.Label)
            + (factor == 1m ? string.Empty : "#discount=" + PriceCatalogWriter.FormatDecimal(factor));
        return new CostResult(true, total, breakdown, priceId, entry.Model);
    }

    private static void Add(Dictionary<string, long> breakdown, string category, long tokens, decimal ratePerMillion, decimal factor)
    {
        if (tokens > 0)
        {
            breakdown[category] = NanoUsd.FromUsd(tokens * ratePerMillion / TokensPerRateUnit * factor);
        }
    }
}
