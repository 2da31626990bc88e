using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outlay.Core.Pricing;

/// <summary>
/// Turns one LiteLLM price entry (USD per token, <c>*_above_Nk_tokens</c>, <c>_batches</c>/<c>_flex</c>/<c>_priority</c>
/// suffixes) into a <see cref="PriceEntry"/> (USD per 1M tokens, full rate sets per tier).
/// Where a tier or variant gives no cache rate, the rate is derived as base cache rate × (tier input ÷ base input),
/// because providers define cache prices as multiples of the input price; the entry's notes say so.
/// </summary>
internal static partial class LiteLlmEntryConverter
{
    private const decimal PerMillion = 1_000_000m;

    private static readonly HashSet<string> TokenModes = new(StringComparer.Ordinal) { "chat", "embedding", "completion", "responses" };

    private static readonly Dictionary<string, string> ProviderMap = new(StringComparer.Ordinal)
    {
        ["openai"] = ProviderNames.OpenAI,
        ["text-completion-openai"] = ProviderNames.OpenAI,
        ["azure"] = ProviderNames.Azure,
        ["anthropic"] = ProviderNames.Anthropic,
        ["gemini"] = ProviderNames.Gemini,
        ["bedrock"] = ProviderNames.Bedrock,
        ["bedrock_converse"] = ProviderNames.Bedrock,
        ["mistral"] = ProviderNames.Mistral,
        ["cohere"] = ProviderNames.Cohere,
        ["cohere_chat"] = ProviderNames.Cohere,
        ["deepseek"] = ProviderNames.DeepSeek,
        ["xai"] = ProviderNames.XAI,
        ["groq"] = ProviderNames.Groq,
    };

    /// <summary>The canonical provider of a <c>litellm_provider</c> value; unknown providers keep their LiteLLM name.</summary>
    public static string MapProvider(string litellmProvider) =>
        litellmProvider.StartsWith("vertex_ai", StringComparison.Ordinal) ? ProviderNames.VertexAI
        : ProviderMap.TryGetValue(litellmProvider, out var canonical) ? canonical
        : litellmProvider.ToLowerInvariant();

    /// <summary>Converts one entry, or returns null with a reason when it has no per-token price.</summary>
    public static PriceEntry? Convert(string key, JsonElement value, DateTimeOffset? effectiveFrom, out string? skipped)
    {
        skipped = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            skipped = "not an object";
            return null;
        }

        var litellmProvider = Text(value, "litellm_provider");
        var mode = Text(value, "mode");
        if (litellmProvider is null || mode is null || !TokenModes.Contains(mode))
        {
            skipped = "mode is not chat/embedding/completion/responses";
            return null;
        }

        var provider = MapProvider(litellmProvider);
        var model = StripPrefix(key.Trim().ToLowerInvariant(), litellmProvider, provider);
        var price = new Reader(value, key);
        var input = price.Rate("input_cost_per_token");
        var output = price.Rate("output_cost_per_token") ?? (mode == "embedding" ? 0m : null);
        if (input is null || output is null)
        {
            skipped = "no per-token input/output price";
            return null;
        }

        if (input == 0m && output == 0m)
        {
            // A 0/0 chat price is a placeholder, not a fact; unpriced is safer than $0.
            skipped = "priced 0/0";
            return null;
        }

        var notes = new SortedSet<string>(StringComparer.Ordinal);
        var baseRates = new PriceRates(
            input.Value,
            output.Value,
            price.Rate("cache_read_input_token_cost"),
            price.Rate("cache_creation_input_token_cost"),
            price.Rate("cache_creation_input_token_cost_above_1hr"),
            price.Rate("output_cost_per_reasoning_token"));
        var inclusive = provider == ProviderNames.XAI;
        var defaultTier = new TierPrices(baseRates, LongContext(price, baseRates, string.Empty, inclusive, notes));

        return new PriceEntry
        {
            Id = provider + "/" + model + (effectiveFrom is null ? string.Empty : "@" + PriceCatalogWriter.FormatInstant(effectiveFrom)),
            Provider = provider,
            Model = model,
            Mode = mode,
            EffectiveFrom = effectiveFrom,
            Default = defaultTier,
            Batch = Variant(price, baseRates, "_batches", inclusive, mode, notes),
            Flex = Variant(price, baseRates, "_flex", inclusive, mode, notes),
            Priority = Variant(price, baseRates, "_priority", inclusive, mode, notes),
            Source = "litellm:" + key,
            Notes = notes.Count == 0 ? null : string.Join(" ", notes),
        };
    }

    /// <summary>Scales a base rate by a tier's input ratio (cache prices are multiples of the input price).</summary>
    public static decimal? Scale(decimal? baseRate, decimal ratio) => baseRate is null ? null : baseRate.Value * ratio;

    private static TierPrices? Variant(Reader price, PriceRates baseRates, string suffix, bool inclusive, string mode, SortedSet<string> notes)
    {
        var input = price.Rate("input_cost_per_token" + suffix);
        if (input is null)
        {
            return null;
        }

        var output = price.Rate("output_cost_per_token" + suffix) ?? (mode == "embedding" ? 0m : null);
        if (output is null)
        {
            notes.Add($"The {TierName(suffix)} variant has no output price, so that tier is unpriced.");
            return null;
        }

        var ratio = baseRates.Input == 0m ? 1m : input.Value / baseRates.Input;
        var outputRatio = baseRates.Output == 0m ? 1m : output.Value / baseRates.Output;
        var rates = new PriceRates(
            input.Value,
            output.Value,
            price.Rate("cache_read_input_token_cost" + suffix) ?? Derived(Scale(baseRates.CacheRead, ratio), suffix, "cache_read", notes),
            price.Rate("cache_creation_input_token_cost" + suffix) ?? Derived(Scale(baseRates.CacheWrite5m, ratio), suffix, "cache_write_5m", notes),
            Derived(Scale(baseRates.CacheWrite1h, ratio), suffix, "cache_write_1h", notes),
            Scale(baseRates.Reasoning, outputRatio));
        return new TierPrices(rates, LongContext(price, rates, suffix, inclusive, notes));
    }

    private static decimal? Derived(decimal? value, string suffix, string rate, SortedSet<string> notes)
    {
        if (value is not null)
        {
            notes.Add($"{TierName(suffix)} {rate} derived as base {rate} x ({TierName(suffix)} input / base input).");
        }

        return value;
    }

    private static string TierName(string suffix) => suffix == "_batches" ? "batch" : suffix.TrimStart('_');

    private static List<LongContextTier> LongContext(Reader price, PriceRates baseRates, string suffix, bool inclusive, SortedSet<string> notes)
    {
        var tiers = new List<LongContextTier>();
        foreach (var (threshold, label) in price.Thresholds(suffix))
        {
            var tierKey = "_above_" + label + "_tokens" + suffix;
            var input = price.Rate("input_cost_per_token" + tierKey)!.Value;
            var ratio = baseRates.Input == 0m ? 1m : input / baseRates.Input;
            var output = price.Rate("output_cost_per_token" + tierKey) ?? baseRates.Output;
            var outputRatio = baseRates.Output == 0m ? 1m : output / baseRates.Output;
            var cacheRead = price.Rate("cache_read_input_token_cost" + tierKey);
            var write5m = price.Rate("cache_creation_input_token_cost" + tierKey);
            var write1h = price.Rate("cache_creation_input_token_cost_above_1hr" + tierKey);
            if ((cacheRead is null && baseRates.CacheRead is not null)
                || (write5m is null && baseRates.CacheWrite5m is not null)
                || (write1h is null && baseRates.CacheWrite1h is not null))
            {
                notes.Add($"Missing >{label} cache rates derived as base cache rate x (>{label} input / base input).");
            }

            tiers.Add(new LongContextTier(
                threshold,
                inclusive,
                new PriceRates(
                    input,
                    output,
                    cacheRead ?? Scale(baseRates.CacheRead, ratio),
                    write5m ?? Scale(baseRates.CacheWrite5m, ratio),
                    write1h ?? Scale(baseRates.CacheWrite1h, ratio),
                    Scale(baseRates.Reasoning, outputRatio))));
        }

        return tiers;
    }

    private static string StripPrefix(string key, string litellmProvider, string provider)
    {
        foreach (var prefix in new[] { litellmProvider + "/", provider + "/" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return key[prefix.Length..];
            }
        }

        return key;
    }

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    [GeneratedRegex(@"^input_cost_per_token_above_(?<n>\d+)(?<unit>k|m)_tokens(?<suffix>_batches|_flex|_priority)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThresholdKey();

    /// <summary>Reads per-token prices as exact decimals scaled to USD per 1M tokens.</summary>
    private readonly struct Reader(JsonElement value, string key)
    {
        public decimal? Rate(string name)
        {
            if (!value.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var perToken = property.ValueKind is JsonValueKind.Number or JsonValueKind.String
                ? PriceJsonReading.ReadDecimal(property, $"{key}.{name}")
                : throw new PricingDataException($"{key}.{name} must be a number.");
            return perToken * PerMillion;
        }

        public IEnumerable<(long Threshold, string Label)> Thresholds(string suffix)
        {
            var found = new List<(long, string)>();
            foreach (var property in value.EnumerateObject())
            {
                var match = ThresholdKey().Match(property.Name);
                if (match.Success && string.Equals(match.Groups["suffix"].Value, suffix, StringComparison.Ordinal))
                {
                    var n = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                    var multiplier = match.Groups["unit"].Value == "m" ? 1_000_000L : 1_000L;
                    found.Add((n * multiplier, match.Groups["n"].Value + match.Groups["unit"].Value));
                }
            }

            return found.OrderBy(f => f.Item1);
        }
    }
}
