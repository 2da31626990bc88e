using System.Text.Json;

namespace Outlay.Core.Pricing;

/// <summary>
/// A team's pricing settings, read from a JSON file (format in Pricing/Catalog/README.md): user prices (full,
/// effective-dated entries that beat the built-in catalog), discount factors, the Azure deployment → model map,
/// and an optional LiteLLM-format price file to import. All parts are optional; an empty object is valid.
/// </summary>
public sealed class PricingConfiguration
{
    private static readonly HashSet<string> TopFields = new(StringComparer.Ordinal) { "prices", "discounts", "azure_deployments", "litellm_import" };
    private static readonly HashSet<string> DiscountFields = new(StringComparer.Ordinal) { "provider", "model", "factor" };
    private static readonly HashSet<string> ImportFields = new(StringComparer.Ordinal) { "path", "effective_from" };

    private PricingConfiguration(PriceCatalog overrides, IReadOnlyList<DiscountRule> discounts, IReadOnlyDictionary<string, string> azureDeployments, string? liteLlmFile)
    {
        Overrides = overrides;
        Discounts = discounts;
        AzureDeployments = azureDeployments;
        LiteLlmFile = liteLlmFile;
    }

    /// <summary>User prices: the <c>prices</c> list layered over the imported LiteLLM file (explicit prices win).</summary>
    public PriceCatalog Overrides { get; }

    /// <summary>Discount rules; default none (factor 1).</summary>
    public IReadOnlyList<DiscountRule> Discounts { get; }

    /// <summary>Azure deployment name → model (case-insensitive keys); default empty.</summary>
    public IReadOnlyDictionary<string, string> AzureDeployments { get; }

    /// <summary>Full path of the imported LiteLLM file, or null when none is configured.</summary>
    public string? LiteLlmFile { get; }

    /// <summary>A configuration with nothing set.</summary>
    public static PricingConfiguration Empty { get; } =
        new(PriceCatalog.Empty, [], new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), null);

    /// <summary>Reads a configuration file; a relative <c>litellm_import.path</c> is relative to the file's folder.</summary>
    /// <exception cref="PricingDataException">The file is malformed; the message names the field.</exception>
    public static PricingConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Parse(stream, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Reads a configuration; a relative <c>litellm_import.path</c> is relative to the current directory.</summary>
    /// <exception cref="PricingDataException">The JSON is malformed; the message names the field.</exception>
    public static PricingConfiguration Parse(Stream json) => Parse(json, null);

    /// <summary>The discount factor for a resolved catalog model: the most specific matching rule, else 1.</summary>
    public decimal DiscountFactorFor(string provider, string model)
    {
        DiscountRule? best = null;
        var bestScore = -1;
        foreach (var rule in Discounts)
        {
            var score = rule.Specificity(provider, model);
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        return best?.Factor ?? 1m;
    }

    /// <summary><paramref name="catalog"/> with this configuration's user prices layered on top.</summary>
    public PriceCatalog ApplyTo(PriceCatalog catalog) =>
        Overrides.Entries.Count == 0 ? catalog : PriceCatalog.Merge(catalog, Overrides);

    /// <summary>The model an Azure deployment name stands for, or null when not an Azure deployment in the map.</summary>
    internal string? MapAzureDeployment(string canonicalProvider, string model)
    {
        if (!string.Equals(canonicalProvider, ProviderNames.Azure, StringComparison.Ordinal))
        {
            return null;
        }

        var name = model.Trim();
        if (name.StartsWith("azure/", StringComparison.OrdinalIgnoreCase))
        {
            name = name["azure/".Length..];
        }

        return AzureDeployments.TryGetValue(name, out var mapped) ? mapped : null;
    }

    private static PricingConfiguration Parse(Stream json, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PricingDataException("The pricing configuration is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            PriceJsonReading.RequireObject(root, "$");
            PriceJsonReading.RefuseUnknown(root, TopFields, "$");
            var (imported, liteLlmFile) = ReadImport(root, baseDirectory);
            var prices = PriceCatalog.Create(ReadArray(root, "prices").Select((e, i) => PriceJsonReading.ReadEntry(e, $"prices[{i}]")));
            var overrides = PriceCatalog.Merge(imported, prices);
            var discounts = ReadArray(root, "discounts").Select((e, i) => ReadDiscount(e, $"discounts[{i}]")).ToArray();
            return new PricingConfiguration(overrides, discounts, ReadDeployments(root), liteLlmFile);
        }
    }

    private static JsonElement[] ReadArray(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : throw new PricingDataException($"$.{name} must be an array.");
    }

    private static DiscountRule ReadDiscount(JsonElement element, string path)
    {
        PriceJsonReading.RequireObject(element, path);
        PriceJsonReading.RefuseUnknown(element, DiscountFields, path);
        var provider = PriceJsonReading.OptionalString(element, "provider", path) ?? DiscountRule.Any;
        var model = PriceJsonReading.OptionalString(element, "model", path) ?? DiscountRule.Any;
        if (!element.TryGetProperty("factor", out var factorElement))
        {
            throw new PricingDataException($"{path}.factor is required (e.g. \"0.8\" for 20% off).");
        }

        var factor = PriceJsonReading.ReadDecimal(factorElement, $"{path}.factor");
        if (factor <= 0m || factor > 10m)
        {
            throw new PricingDataException($"{path}.factor must be greater than 0 and at most 10.");
        }

        return new DiscountRule(
            provider == DiscountRule.Any ? provider : ProviderNames.Normalize(provider),
            model.Trim(),
            factor);
    }

    private static Dictionary<string, string> ReadDeployments(JsonElement root)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("azure_deployments", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        PriceJsonReading.RequireObject(value, "$.azure_deployments");
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
            {
                throw new PricingDataException($"$.azure_deployments.{property.Name} must be a non-empty model name.");
            }

            map[property.Name.Trim()] = property.Value.GetString()!.Trim();
        }

        return map;
    }

    private static (PriceCatalog Catalog, string? Path) ReadImport(JsonElement root, string? baseDirectory)
    {
        if (!root.TryGetProperty("litellm_import", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (PriceCatalog.Empty, null);
        }

        const string path = "$.litellm_import";
        PriceJsonReading.RequireObject(value, path);
        PriceJsonReading.RefuseUnknown(value, ImportFields, path);
        var file = PriceJsonReading.RequireString(value, "path", path);
        var from = PriceJsonReading.OptionalString(value, "effective_from", path) is { } text
            ? PriceJsonReading.ParseInstant(text, path + ".effective_from")
            : DateTimeOffset.UnixEpoch;
        var full = Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), file));
        if (!File.Exists(full))
        {
            throw new PricingDataException($"{path}.path names a file that does not exist.");
        }

        using var stream = File.OpenRead(full);
        return (LiteLlmPriceImporter.Import(stream, from), full);
    }
}
