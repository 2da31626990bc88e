using System.Text.RegularExpressions;

namespace Outlay.Core.Pricing;

/// <summary>
/// Finds the catalog entry for a provider + model as callers spell it. Tries, in order: the exact id (and
/// aliases); the id with provider prefixes, <c>models/</c>, Bedrock ARNs and URL-encoding removed; Bedrock
/// geo-prefix and <c>:N</c> normalisation; Vertex <c>@version</c>; a trailing date or <c>-latest</c> removed; and
/// finally, for an undated id, its newest dated snapshot. Every step only removes a version or routing decoration,
/// so a name never resolves to another model (<c>gpt-4o-mini</c> can never become <c>gpt-4o</c>).
/// </summary>
internal sealed partial class ModelResolver
{
    private static readonly string[] ProviderPrefixes =
    [
        "openai/", "azure/", "azure_openai/", "anthropic/", "gemini/", "google/", "vertex_ai/", "vertex/",
        "bedrock/", "bedrock_converse/", "converse/", "mistral/", "cohere/", "deepseek/", "xai/", "groq/",
    ];

    private readonly Dictionary<string, List<CatalogRow>> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Date, CatalogRow Row)>> snapshotsByBase = new(StringComparer.Ordinal);

    public ModelResolver(IEnumerable<CatalogRow> rows)
    {
        foreach (var row in rows)
        {
            foreach (var name in row.Entry.Aliases.Prepend(row.Entry.Model))
            {
                Add(byKey, Key(row.Entry.Provider, name), row);
                var match = DateSuffix().Match(name);
                if (match.Success)
                {
                    var date = match.Groups["date"].Value.Replace("-", string.Empty, StringComparison.Ordinal);
                    Add(snapshotsByBase, Key(row.Entry.Provider, name[..match.Index]), (date, row));
                }
            }
        }
    }

    public PriceEntry? Resolve(string provider, string model, DateTimeOffset at)
    {
        var candidates = Candidates(provider, model).Distinct(StringComparer.Ordinal).ToList();
        foreach (var candidate in candidates)
        {
            if (byKey.TryGetValue(Key(provider, candidate), out var rows) && Best(rows.Select(r => r), at) is { } entry)
            {
                return entry;
            }
        }

        // An undated id (claude-sonnet-4, claude-3-5-haiku-latest) means the newest dated snapshot of that name.
        foreach (var candidate in candidates)
        {
            if (snapshotsByBase.TryGetValue(Key(provider, candidate), out var snapshots))
            {
                var valid = snapshots.Where(s => s.Row.Entry.IsEffectiveAt(at)).ToList();
                if (valid.Count > 0)
                {
                    var newest = valid.Max(s => s.Date)!;
                    return Best(valid.Where(s => string.Equals(s.Date, newest, StringComparison.Ordinal)).Select(s => s.Row), at);
                }
            }
        }

        return null;
    }

    internal static IEnumerable<string> Candidates(string provider, string model)
    {
        var name = model.Trim().ToLowerInvariant();
        if (name.Contains('%', StringComparison.Ordinal))
        {
            name = Uri.UnescapeDataString(name);
        }

        // arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-… or …:foundation-model/anthropic.claude-…
        if (name.StartsWith("arn:", StringComparison.Ordinal) && name.LastIndexOf('/') is var slash and > 0)
        {
            name = name[(slash + 1)..];
        }

        if (name.StartsWith("models/", StringComparison.Ordinal))
        {
            name = name["models/".Length..];
        }

        var stripped = new List<string> { name };
        for (var prefix = ProviderPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal));
             prefix is not null;
             prefix = ProviderPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            name = name[prefix.Length..];
            stripped.Add(name);
        }

        foreach (var form in stripped)
        {
            foreach (var variant in Variants(provider, form))
            {
                yield return variant;
            }
        }
    }

    private static IEnumerable<string> Variants(string provider, string name)
    {
        yield return name;
        var forms = new List<string> { name };
        if (string.Equals(provider, ProviderNames.Bedrock, StringComparison.Ordinal) && GeoPrefix().Match(name) is { Success: true } geo)
        {
            // A cross-region profile is priced as its own entry when the facts differ; otherwise as the base model.
            forms.Add(name[geo.Length..]);
        }

        foreach (var form in forms)
        {
            yield return form;
            if (BedrockRevision().Match(form) is { Success: true } revision)
            {
                yield return form[..revision.Index];
            }
            else if (BedrockVersion().IsMatch(form))
            {
                yield return form + ":0";
            }

            var at = form.IndexOf('@', StringComparison.Ordinal);
            if (at > 0)
            {
                var beforeVersion = form[..at];
                yield return beforeVersion;
                if (BedrockVersion().Match(beforeVersion) is { Success: true } vertexVersion)
                {
                    // Vertex claude-3-5-sonnet-v2@20241022: the -v2 names a snapshot, the model stays claude-3-5-sonnet.
                    yield return beforeVersion[..vertexVersion.Index];
                }
            }

            if (DateSuffix().Match(form) is { Success: true } date)
            {
                yield return form[..date.Index];
            }
            else if (form.EndsWith("-latest", StringComparison.Ordinal))
            {
                yield return form[..^"-latest".Length];
            }
            else if ((provider is ProviderNames.Gemini or ProviderNames.VertexAI) && GoogleRevision().Match(form) is { Success: true } revision3)
            {
                yield return form[..revision3.Index];
            }
        }
    }

    private static PriceEntry? Best(IEnumerable<CatalogRow> rows, DateTimeOffset at) =>
        rows.Where(r => r.Entry.IsEffectiveAt(at))
            .OrderByDescending(r => r.Layer)
            .ThenByDescending(r => r.Entry.EffectiveFrom ?? DateTimeOffset.MinValue)
            .Select(r => r.Entry)
            .FirstOrDefault();

    private static string Key(string provider, string model) => provider + "\n" + model;

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(value);
    }

    [GeneratedRegex(@"-(?<date>\d{4}-\d{2}-\d{2}|20\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();

    [GeneratedRegex(@"^(us|eu|apac|jp|au|ca|global|us-gov)\.", RegexOptions.CultureInvariant)]
    private static partial Regex GeoPrefix();

    [GeneratedRegex(@":\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex BedrockRevision();

    [GeneratedRegex(@"-v\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex BedrockVersion();

    [GeneratedRegex(@"-\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleRevision();
}
