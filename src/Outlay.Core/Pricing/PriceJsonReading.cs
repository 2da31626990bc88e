using System.Globalization;
using System.Text.Json;

namespace Outlay.Core.Pricing;

/// <summary>
/// Reads Outlay's price-entry JSON (see Catalog/README.md), shared by the catalog file and the pricing
/// configuration's <c>prices</c> list. Unknown fields are refused so a typo cannot silently drop a price.
/// </summary>
internal static class PriceJsonReading
{
    private static readonly HashSet<string> EntryFields = new(StringComparer.Ordinal)
    {
        "id", "provider", "model", "mode", "aliases", "effective_from", "effective_to", "source", "notes",
        "long_context", "batch", "flex", "priority",
        "input", "output", "cache_read", "cache_write_5m", "cache_write_1h", "reasoning",
    };

    private static readonly HashSet<string> TierFields = new(StringComparer.Ordinal)
    {
        "long_context", "input", "output", "cache_read", "cache_write_5m", "cache_write_1h", "reasoning",
    };

    private static readonly HashSet<string> LongContextFields = new(StringComparer.Ordinal)
    {
        "threshold", "inclusive", "input", "output", "cache_read", "cache_write_5m", "cache_write_1h", "reasoning",
    };

    public static PriceEntry ReadEntry(JsonElement element, string path)
    {
        RequireObject(element, path);
        RefuseUnknown(element, EntryFields, path);
        var provider = ProviderNames.Normalize(RequireString(element, "provider", path));
        var model = RequireString(element, "model", path).Trim().ToLowerInvariant();
        var id = OptionalString(element, "id", path) ?? provider + "/" + model;
        var from = OptionalInstant(element, "effective_from", path);
        var to = OptionalInstant(element, "effective_to", path);
        if (from is not null && to is not null && to <= from)
        {
            throw new PricingDataException($"{path}.effective_to must be later than effective_from.");
        }

        return new PriceEntry
        {
            Id = id,
            Provider = provider,
            Model = model,
            Mode = OptionalString(element, "mode", path) ?? "chat",
            Aliases = ReadAliases(element, path),
            EffectiveFrom = from,
            EffectiveTo = to,
            Source = OptionalString(element, "source", path),
            Notes = OptionalString(element, "notes", path),
            Default = ReadTierBody(element, path),
            Batch = ReadTier(element, "batch", path),
            Flex = ReadTier(element, "flex", path),
            Priority = ReadTier(element, "priority", path),
        };
    }

    public static decimal ReadDecimal(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                // Parse the number's own text so 1.25e-07 stays exact instead of passing through double.
                return ParseDecimal(value.GetRawText(), path);
            case JsonValueKind.String:
                return ParseDecimal(value.GetString() ?? string.Empty, path);
            default:
                throw new PricingDataException($"{path} must be a decimal number or a string holding one.");
        }
    }

    public static DateTimeOffset ParseInstant(string text, string path)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new PricingDataException($"{path} must be an ISO date (yyyy-MM-dd) or an ISO 8601 timestamp.");
    }

    public static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PricingDataException($"{path} must be a JSON object.");
        }
    }

    public static void RefuseUnknown(JsonElement element, HashSet<string> known, string path)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                // The field name is the user's own key, not a value; naming it is what makes the error useful.
                throw new PricingDataException($"{path}.{property.Name} is not a known field.");
            }
        }
    }

    public static string RequireString(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) is { Length: > 0 } text
            ? text
            : throw new PricingDataException($"{path}.{name} is required and must be a non-empty string.");

    public static string? OptionalString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new PricingDataException($"{path}.{name} must be a string.");
        }

        return value.GetString();
    }

    private static decimal ParseDecimal(string text, string path)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var result))
        {
            throw new PricingDataException($"{path} is not a valid decimal number.");
        }

        if (result < 0)
        {
            throw new PricingDataException($"{path} must not be negative.");
        }

        return result;
    }

    private static DateTimeOffset? OptionalInstant(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) is { } text ? ParseInstant(text, $"{path}.{name}") : null;

    private static string[] ReadAliases(JsonElement element, string path)
    {
        if (!element.TryGetProperty("aliases", out var aliases) || aliases.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (aliases.ValueKind != JsonValueKind.Array)
        {
            throw new PricingDataException($"{path}.aliases must be an array of strings.");
        }

        var result = new List<string>();
        var index = 0;
        foreach (var alias in aliases.EnumerateArray())
        {
            if (alias.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(alias.GetString()))
            {
                throw new PricingDataException($"{path}.aliases[{index}] must be a non-empty string.");
            }

            result.Add(alias.GetString()!.Trim().ToLowerInvariant());
            index++;
        }

        return [.. result];
    }

    private static TierPrices? ReadTier(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var tier) || tier.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var tierPath = $"{path}.{name}";
        RequireObject(tier, tierPath);
        RefuseUnknown(tier, TierFields, tierPath);
        return ReadTierBody(tier, tierPath);
    }

    private static TierPrices ReadTierBody(JsonElement element, string path)
    {
        var rates = ReadRates(element, path);
        var tiers = new List<LongContextTier>();
        if (element.TryGetProperty("long_context", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new PricingDataException($"{path}.long_context must be an array.");
            }

            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{path}.long_context[{index}]";
                RequireObject(item, itemPath);
                RefuseUnknown(item, LongContextFields, itemPath);
                if (!item.TryGetProperty("threshold", out var threshold) || !threshold.TryGetInt64(out var tokens) || tokens <= 0)
                {
                    throw new PricingDataException($"{itemPath}.threshold is required and must be a positive integer token count.");
                }

                var inclusive = false;
                if (item.TryGetProperty("inclusive", out var flag))
                {
                    inclusive = flag.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new PricingDataException($"{itemPath}.inclusive must be true or false."),
                    };
                }

                tiers.Add(new LongContextTier(tokens, inclusive, ReadRates(item, itemPath)));
                index++;
            }
        }

        return new TierPrices(rates, tiers);
    }

    private static PriceRates ReadRates(JsonElement element, string path)
    {
        decimal? Rate(string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? ReadDecimal(value, $"{path}.{name}")
                : null;

        var input = Rate("input") ?? throw new PricingDataException($"{path}.input is required (USD per 1M tokens).");
        var output = Rate("output") ?? throw new PricingDataException($"{path}.output is required (USD per 1M tokens).");
        return new PriceRates(input, output, Rate("cache_read"), Rate("cache_write_5m"), Rate("cache_write_1h"), Rate("reasoning"));
    }
}
