using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outlay.Core.Pricing.Generation;

/// <summary>One Langfuse default model price (default tier only), converted to USD per 1M tokens.</summary>
internal sealed record LangfuseModel(string Name, Regex Pattern, IReadOnlyDictionary<string, decimal> Prices)
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public decimal? Price(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (Prices.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public bool Matches(string model) => Pattern.IsMatch(model);

    /// <summary>Reads Langfuse's <c>default-model-prices.json</c> (an array of model definitions).</summary>
    public static List<LangfuseModel> ReadAll(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new PricingDataException("The Langfuse price file must be a JSON array.");
        }

        var models = new List<LangfuseModel>();
        foreach (var item in root.EnumerateArray())
        {
            var name = item.GetProperty("modelName").GetString()!;
            var pattern = item.GetProperty("matchPattern").GetString()!;
            var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var tier in item.GetProperty("pricingTiers").EnumerateArray())
            {
                if (tier.TryGetProperty("isDefault", out var isDefault) && isDefault.ValueKind == JsonValueKind.True)
                {
                    foreach (var price in tier.GetProperty("prices").EnumerateObject())
                    {
                        if (price.Value.ValueKind == JsonValueKind.Number)
                        {
                            prices[price.Name] = PriceJsonReading.ReadDecimal(price.Value, $"langfuse.{name}.{price.Name}") * 1_000_000m;
                        }
                    }
                }
            }

            // Postgres-style (?i) inline flags are understood by .NET as well.
            models.Add(new LangfuseModel(name, new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout), prices));
        }

        return models;
    }
}
