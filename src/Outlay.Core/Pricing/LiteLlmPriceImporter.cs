using System.Text.Json;

namespace Outlay.Core.Pricing;

/// <summary>
/// Imports a LiteLLM-format price file (<c>model_prices_and_context_window.json</c>: model key → per-token prices)
/// into a <see cref="PriceCatalog"/>. Entries without a per-token price (images, audio, rerank, 0/0 placeholders)
/// are skipped. Provider names are mapped to Outlay's (<c>bedrock_converse</c> → <c>bedrock</c>,
/// <c>vertex_ai-*</c> → <c>vertex_ai</c>, …); other providers keep LiteLLM's name.
/// </summary>
public static class LiteLlmPriceImporter
{
    /// <summary>Imports every token-priced entry, each effective from <paramref name="effectiveFrom"/> with no end.</summary>
    /// <exception cref="PricingDataException">The file is not a LiteLLM price object or holds a malformed price.</exception>
    public static PriceCatalog Import(Stream litellmJson, DateTimeOffset effectiveFrom)
    {
        ArgumentNullException.ThrowIfNull(litellmJson);
        using var document = Parse(litellmJson);
        var result = Convert(document.RootElement, effectiveFrom);
        return PriceCatalog.Create(result.Entries);
    }

    internal static JsonDocument Parse(Stream json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new PricingDataException("The LiteLLM price file is not valid JSON.", ex);
        }
    }

    /// <summary>Converts all entries; when two keys name the same provider + model, the one with more prices wins.</summary>
    internal static LiteLlmImport Convert(JsonElement root, DateTimeOffset? effectiveFrom)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PricingDataException("The LiteLLM price file must be a JSON object of model keys.");
        }

        var chosen = new Dictionary<string, PriceEntry>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is "sample_spec" or "fallback_generalizations")
            {
                continue;
            }

            var entry = LiteLlmEntryConverter.Convert(property.Name, property.Value, effectiveFrom, out _);
            if (entry is null)
            {
                continue;
            }

            if (chosen.TryGetValue(entry.Id, out var existing))
            {
                var keep = Weight(entry) > Weight(existing)
                    || (Weight(entry) == Weight(existing) && string.CompareOrdinal(entry.Source, existing.Source) < 0);
                conflicts.Add($"{entry.Id}: both {existing.Source} and {entry.Source}; kept {(keep ? entry.Source : existing.Source)}");
                if (keep)
                {
                    chosen[entry.Id] = entry;
                }

                continue;
            }

            chosen[entry.Id] = entry;
        }

        return new LiteLlmImport([.. chosen.Values], conflicts);
    }

    private static int Weight(PriceEntry entry)
    {
        static int Count(TierPrices? tier) => tier is null ? 0 : 1 + tier.LongContext.Count
            + (tier.Rates.CacheRead is null ? 0 : 1) + (tier.Rates.CacheWrite5m is null ? 0 : 1)
            + (tier.Rates.CacheWrite1h is null ? 0 : 1) + (tier.Rates.Reasoning is null ? 0 : 1);
        return Count(entry.Default) + Count(entry.Batch) + Count(entry.Flex) + Count(entry.Priority);
    }
}
