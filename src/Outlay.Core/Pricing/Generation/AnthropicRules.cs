namespace Outlay.Core.Pricing.Generation;

/// <summary>
/// Anthropic's cache rules applied to every Claude entry (any provider): a 1-hour cache write costs 2 × input.
/// LiteLLM carries wrong 1-hour prices for claude-3-haiku (6, 24 × input) and claude-3-opus (6, 0.4 × input);
/// Langfuse agrees with LiteLLM's input prices for both and has no cache prices for them, so the rule decides.
/// Bedrock and Vertex Claude entries have a 5-minute write price but no 1-hour one; the rule supplies it.
/// Claude 3.x models have a 200k context, so LiteLLM's >200k tiers on Bedrock 3.5 Sonnet are dropped.
/// </summary>
internal static class AnthropicRules
{
    public static PriceEntry Apply(PriceEntry entry, List<string> report)
    {
        if (!entry.Model.Contains("claude", StringComparison.Ordinal))
        {
            return entry;
        }

        var notes = new SortedSet<string>(StringComparer.Ordinal);
        var result = entry with
        {
            Default = Fix(entry.Default, entry.Id, "default", notes, report),
            Batch = entry.Batch is null ? null : Fix(entry.Batch, entry.Id, "batch", notes, report),
            Flex = entry.Flex is null ? null : Fix(entry.Flex, entry.Id, "flex", notes, report),
            Priority = entry.Priority is null ? null : Fix(entry.Priority, entry.Id, "priority", notes, report),
        };

        if (IsClaude3(entry.Model) && result.Default.LongContext.Count > 0)
        {
            result = result with { Default = result.Default with { LongContext = [] } };
            notes.Add("Dropped LiteLLM's >200k tier: Claude 3.x models have a 200k context window.");
            report.Add($"fix: {entry.Id} long-context tier dropped (200k-context model)");
        }

        if (notes.Count == 0)
        {
            return result;
        }

        var all = entry.Notes is null ? notes : new SortedSet<string>(notes.Append(entry.Notes), StringComparer.Ordinal);
        return result with { Notes = string.Join(" ", all) };
    }

    private static bool IsClaude3(string model) =>
        model.Contains("claude-3-", StringComparison.Ordinal) || model.Contains("claude-3.", StringComparison.Ordinal);

    private static TierPrices Fix(TierPrices tier, string id, string tierName, SortedSet<string> notes, List<string> report) =>
        new(
            Fix(tier.Rates, id, tierName, notes, report),
            [.. tier.LongContext.Select(l => l with { Rates = Fix(l.Rates, id, tierName + " " + l.Label, notes, report) })]);

    private static PriceRates Fix(PriceRates rates, string id, string where, SortedSet<string> notes, List<string> report)
    {
        var expected = rates.Input * 2m;
        if (rates.CacheWrite1h is { } oneHour && oneHour != expected)
        {
            notes.Add("cache_write_1h corrected to 2 x input (LiteLLM data error; Anthropic's rule, consistent with Langfuse's input price).");
            report.Add($"fix: {id} {where} cache_write_1h {PriceCatalogWriter.FormatDecimal(oneHour)} -> {PriceCatalogWriter.FormatDecimal(expected)}");
            return rates with { CacheWrite1h = expected };
        }

        if (rates.CacheWrite1h is null && rates.CacheWrite5m is not null)
        {
            notes.Add("cache_write_1h derived as 2 x input (Anthropic's rule; the source has no 1-hour price).");
            return rates with { CacheWrite1h = expected };
        }

        return rates;
    }
}
