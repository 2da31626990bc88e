using System.Text.Json;

namespace Outlay.Core.Pricing.Generation;

/// <summary>
/// Builds Outlay's built-in catalog from LiteLLM's price file, cross-checked against Langfuse's defaults:
/// keeps the providers Outlay covers, fixes LiteLLM's known Anthropic 1-hour cache-write errors, derives missing
/// Anthropic 1-hour writes (2 × input, Anthropic's rule), drops the bogus long-context tiers of 200k-context
/// Claude 3.x models, adds deprecated entries LiteLLM deleted, and reports every disagreement with Langfuse.
/// The output depends only on the inputs and <c>generated</c>, so re-running gives the same bytes.
/// </summary>
internal static class CatalogGeneration
{
    internal static readonly string[] Sources =
    [
        "litellm: BerriAI/litellm model_prices_and_context_window.json, main as of 2026-07-24 18:23 UTC (mirror RoCry/llm-api-price 8442b939), MIT",
        "langfuse: langfuse/langfuse worker/src/constants/default-model-prices.json at 62751446 (2026-08-22), cross-check",
        "history: LiteLLM mirror snapshot 4bbea6f0 (2026-03-12) for direct Anthropic claude-3-5-sonnet/haiku, deleted from LiteLLM on 2026-03-12",
    ];

    private static readonly HashSet<string> CrossCheckedProviders = new(StringComparer.Ordinal)
    {
        ProviderNames.OpenAI, ProviderNames.Anthropic, ProviderNames.Gemini,
    };

    public static CatalogGenerationResult Generate(Stream litellmJson, Stream langfuseJson, string generated)
    {
        using var litellm = LiteLlmPriceImporter.Parse(litellmJson);
        using var langfuseDocument = JsonDocument.Parse(langfuseJson);
        var langfuse = LangfuseModel.ReadAll(langfuseDocument.RootElement);
        var report = new List<string>();
        var import = LiteLlmPriceImporter.Convert(litellm.RootElement, effectiveFrom: null);
        report.AddRange(import.Conflicts.Select(c => "duplicate key: " + c));

        var covered = new HashSet<string>(ProviderNames.BuiltIn, StringComparer.Ordinal);
        var entries = import.Entries
            .Where(e => covered.Contains(e.Provider) && IsPlainModelId(e))
            .Select(e => AnthropicRules.Apply(e, report))
            .ToList();

        foreach (var historical in HistoricalEntries.All)
        {
            if (!entries.Any(e => string.Equals(e.Id, historical.Id, StringComparison.Ordinal)))
            {
                entries.Add(historical);
                report.Add($"history: kept {historical.Id}, which LiteLLM deleted");
            }
        }

        entries = [.. entries.Select(e => CrossCheck(e, langfuse, report))];
        ReportCheaperGeoProfiles(entries, report);
        foreach (var provider in ProviderNames.BuiltIn)
        {
            report.Add($"entries: {provider} {entries.Count(e => e.Provider == provider)}");
        }

        var catalog = PriceCatalog.Create(entries, generated, Sources);
        return new CatalogGenerationResult(catalog.ToJson(), report);
    }

    /// <summary>Region-pinned or commitment keys (<c>bedrock/us-east-1/…</c>, <c>azure/eu/…</c>) and fine-tunes are not base prices.</summary>
    private static bool IsPlainModelId(PriceEntry entry) =>
        !entry.Model.StartsWith("ft:", StringComparison.Ordinal)
        && !((entry.Provider is ProviderNames.Azure or ProviderNames.Bedrock) && entry.Model.Contains('/', StringComparison.Ordinal));

    private static PriceEntry CrossCheck(PriceEntry entry, List<LangfuseModel> langfuse, List<string> report)
    {
        if (!CrossCheckedProviders.Contains(entry.Provider))
        {
            return entry;
        }

        var name = entry.Provider == ProviderNames.Gemini ? "gemini/" + entry.Model : entry.Model;
        var match = langfuse.FirstOrDefault(m => m.Matches(entry.Model)) ?? langfuse.FirstOrDefault(m => m.Matches(name));
        if (match is null)
        {
            return entry;
        }

        var rates = entry.Default.Rates;
        Compare(report, entry.Id, "input", rates.Input, match.Price("input"), match.Name);
        Compare(report, entry.Id, "output", rates.Output, match.Price("output"), match.Name);
        Compare(report, entry.Id, "cache_read", rates.CacheRead, match.Price("input_cache_read", "cache_read_input_tokens", "input_cached_tokens"), match.Name);
        Compare(report, entry.Id, "cache_write_5m", rates.CacheWrite5m, match.Price("input_cache_creation_5m", "input_cache_creation", "cache_creation_input_tokens"), match.Name);
        Compare(report, entry.Id, "cache_write_1h", rates.CacheWrite1h, match.Price("input_cache_creation_1h"), match.Name);
        return entry.Source?.Contains("langfuse:", StringComparison.Ordinal) == true
            ? entry
            : entry with { Source = entry.Source + "; langfuse:" + match.Name };
    }

    /// <summary>A cross-region profile costs the same as or more than its base model; a cheaper one is a likely data error.</summary>
    private static void ReportCheaperGeoProfiles(List<PriceEntry> entries, List<string> report)
    {
        var byModel = entries.Where(e => e.Provider == ProviderNames.Bedrock).ToDictionary(e => e.Model, StringComparer.Ordinal);
        foreach (var entry in byModel.Values.OrderBy(e => e.Model, StringComparer.Ordinal))
        {
            var dot = entry.Model.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && byModel.TryGetValue(entry.Model[(dot + 1)..], out var baseEntry)
                && entry.Model[..dot] is "us" or "eu" or "apac" or "jp" or "au" or "ca" or "global" or "us-gov"
                && entry.Default.Rates.Input < baseEntry.Default.Rates.Input)
            {
                report.Add($"suspect: {entry.Id} input {PriceCatalogWriter.FormatDecimal(entry.Default.Rates.Input)} is below {baseEntry.Id} {PriceCatalogWriter.FormatDecimal(baseEntry.Default.Rates.Input)} (kept as LiteLLM has it)");
            }
        }
    }

    private static void Compare(List<string> report, string id, string rate, decimal? ours, decimal? theirs, string langfuseName)
    {
        if (ours is not null && theirs is not null && ours.Value != theirs.Value)
        {
            report.Add($"disagreement: {id} {rate}: litellm {PriceCatalogWriter.FormatDecimal(ours.Value)} vs langfuse[{langfuseName}] {PriceCatalogWriter.FormatDecimal(theirs.Value)}");
        }
    }
}
