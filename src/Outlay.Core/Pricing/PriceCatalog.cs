using System.Text;
using System.Text.Json;

namespace Outlay.Core.Pricing;

/// <summary>
/// An immutable, effective-dated set of <see cref="PriceEntry"/> values with model resolution. Catalogs can be
/// layered (<see cref="Merge"/>): an entry of a higher layer (user prices) beats a built-in entry for the same
/// provider and model whenever both hold at the call's time.
/// </summary>
public sealed class PriceCatalog
{
    private static readonly Lazy<PriceCatalog> BuiltInCatalog = new(LoadBuiltIn);

    private readonly CatalogRow[] rows;
    private readonly Lazy<ModelResolver> resolver;

    private PriceCatalog(CatalogRow[] rows, string? generated, IReadOnlyList<string> sources)
    {
        this.rows = rows;
        Generated = generated;
        Sources = sources;
        Entries = Array.AsReadOnly(rows.Select(r => r.Entry).ToArray());
        resolver = new Lazy<ModelResolver>(() => new ModelResolver(this.rows));
    }

    /// <summary>The catalog shipped inside Outlay.Core (generated from LiteLLM and Langfuse facts); loaded once, lazily.</summary>
    public static PriceCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>An empty catalog: every model is unpriced.</summary>
    public static PriceCatalog Empty { get; } = new([], null, []);

    /// <summary>All entries, highest layer first when merged.</summary>
    public IReadOnlyList<PriceEntry> Entries { get; }

    /// <summary>Date the catalog was generated (yyyy-MM-dd), when known.</summary>
    public string? Generated { get; }

    /// <summary>Provenance lines of the facts the catalog was built from.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Reads a catalog in Outlay's catalog format (Pricing/Catalog/README.md).</summary>
    /// <exception cref="PricingDataException">The JSON is malformed; the message names the field.</exception>
    public static PriceCatalog Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new PricingDataException("The price catalog is not valid JSON.", ex);
        }

        using (document)
        {
            return FromJson(document.RootElement);
        }
    }

    /// <summary>A single-layer catalog of the given entries; ids must be unique.</summary>
    public static PriceCatalog Create(IEnumerable<PriceEntry> entries, string? generated = null, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToArray();
        var duplicate = list.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new PricingDataException($"Price entry id '{duplicate.Key}' appears more than once.");
        }

        return new PriceCatalog(list.Select(e => new CatalogRow(e, 0)).ToArray(), generated, sources ?? []);
    }

    /// <summary>
    /// Layers <paramref name="overlay"/> (e.g. user prices) over <paramref name="baseCatalog"/> (e.g. <see cref="BuiltIn"/>):
    /// for a provider and model both know, the overlay's entries win while they hold at the call's time.
    /// </summary>
    public static PriceCatalog Merge(PriceCatalog baseCatalog, PriceCatalog overlay)
    {
        ArgumentNullException.ThrowIfNull(baseCatalog);
        ArgumentNullException.ThrowIfNull(overlay);
        var shift = baseCatalog.rows.Length == 0 ? 0 : baseCatalog.rows.Max(r => r.Layer) + 1;
        var merged = overlay.rows.Select(r => r with { Layer = r.Layer + shift }).Concat(baseCatalog.rows).ToArray();
        return new PriceCatalog(merged, baseCatalog.Generated, baseCatalog.Sources);
    }

    /// <summary>
    /// The entry pricing <paramref name="model"/> at <paramref name="provider"/> at time <paramref name="at"/>, or null
    /// (unpriced). Never falls back to another model family or provider; see Pricing/Catalog/README.md for the rules.
    /// </summary>
    public PriceEntry? Resolve(string provider, string model, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        return resolver.Value.Resolve(ProviderNames.Normalize(provider), model, at);
    }

    /// <summary>The catalog in Outlay's catalog format, byte-stable for the same content.</summary>
    public string ToJson() => PriceCatalogWriter.Write(this);

    private static PriceCatalog LoadBuiltIn()
    {
        const string name = "Outlay.Core.Pricing.Catalog.catalog.json";
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The built-in price catalog resource '{name}' is missing from Outlay.Core.");
        return Load(stream);
    }

    private static PriceCatalog FromJson(JsonElement root)
    {
        PriceJsonReading.RequireObject(root, "$");
        PriceJsonReading.RefuseUnknown(root, ["format", "unit", "generated", "sources", "entries"], "$");
        if (PriceJsonReading.OptionalString(root, "format", "$") is { } format && !string.Equals(format, PriceCatalogWriter.Format, StringComparison.Ordinal))
        {
            throw new PricingDataException($"$.format must be '{PriceCatalogWriter.Format}'.");
        }

        var sources = new List<string>();
        if (root.TryGetProperty("sources", out var sourceList) && sourceList.ValueKind == JsonValueKind.Array)
        {
            sources.AddRange(sourceList.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
        }

        if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new PricingDataException("$.entries is required and must be an array.");
        }

        var list = new List<PriceEntry>();
        var index = 0;
        foreach (var item in entries.EnumerateArray())
        {
            list.Add(PriceJsonReading.ReadEntry(item, $"entries[{index}]"));
            index++;
        }

        return Create(list, PriceJsonReading.OptionalString(root, "generated", "$"), sources);
    }

    internal static PriceCatalog Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return Load(stream);
    }
}
