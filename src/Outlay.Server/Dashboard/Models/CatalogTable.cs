using System.Globalization;
using Outlay.Core.Querying;
using Outlay.Core.Pricing;
using Outlay.Server.Dashboard.Charts;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Models;

/// <summary>One row per price entry: default-tier rates per 1M tokens by category, effective dates and other tiers.</summary>
internal static class CatalogTable
{
    private static readonly string[] Headings =
        ["Provider", "Model", "Input", "Cached input", "Cache write 5m", "Cache write 1h", "Output", "Reasoning", "Effective", "Tiers"];

    public static void Write(HtmlBuilder body, IEnumerable<PriceEntry> entries, IReadOnlySet<PriceEntry> builtIn)
    {
        body.Open("div", ("class", "table-scroll")).Open("table", ("data-testid", "catalog-table"))
            .Open("thead").Open("tr");
        for (var i = 0; i < Headings.Length; i++)
        {
            body.Element("th", Headings[i], ("scope", "col"), ("class", i is >= 2 and <= 7 ? "num" : null));
        }

        body.Close("tr").Close("thead").Open("tbody");
        foreach (var entry in entries)
        {
            var rates = entry.Default.Rates;
            body.Open("tr", ("data-testid", "catalog-row"))
                .Element("td", entry.Provider)
                .Open("th", ("scope", "row")).Element("code", entry.Model);
            if (!builtIn.Contains(entry))
            {
                body.Text(" ").Element("span", "yours", ("class", "badge badge-ok"));
            }

            if (entry.Aliases.Count > 0)
            {
                body.Element("div", "also: " + string.Join(", ", entry.Aliases), ("class", "hint"));
            }

            body.Close("th");
            Rate(body, rates.Input, null);
            Rate(body, rates.CacheRead, "as input");
            Rate(body, rates.CacheWrite5m, "as input");
            Rate(body, rates.CacheWrite1h, "as 5m write");
            Rate(body, rates.Output, null);
            Rate(body, rates.Reasoning, "in output");
            body.Element("td", Effective(entry))
                .Element("td", Tiers(entry))
                .Close("tr");
        }

        body.Close("tbody").Close("table").Close("div");
    }

    /// <summary>"since 2024-08-06", "until 2025-01-01", "2024-08-06 – 2025-01-01" or "always".</summary>
    public static string Effective(PriceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        static string D(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (entry.EffectiveFrom, entry.EffectiveTo) switch
        {
            (null, null) => "always",
            ({ } from, null) => "since " + D(from),
            (null, { } to) => "until " + D(to),
            ({ } from, { } to) => D(from) + " – " + D(to),
        };
    }

    /// <summary>The other rate sets and long-context tiers, e.g. "batch, flex; long context >200k"; "—" when none.</summary>
    public static string Tiers(PriceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = new List<string>();
        var sets = new List<string>();
        if (entry.Batch is not null)
        {
            sets.Add("batch");
        }

        if (entry.Flex is not null)
        {
            sets.Add("flex");
        }

        if (entry.Priority is not null)
        {
            sets.Add("priority");
        }

        if (sets.Count > 0)
        {
            parts.Add(string.Join(", ", sets));
        }

        if (entry.Default.LongContext.Count > 0)
        {
            parts.Add("long context " + string.Join(", ", entry.Default.LongContext.OrderBy(t => t.ThresholdTokens).Select(t =>
                t.Label + " " + UsdText.Format(t.Rates.Input) + " in / " + UsdText.Format(t.Rates.Output) + " out")));
        }

        return parts.Count == 0 ? "—" : string.Join("; ", parts);
    }

    private static void Rate(HtmlBuilder body, decimal? rate, string? fallback)
    {
        if (rate is { } value)
        {
            body.Element("td", UsdText.Format(value), ("class", "num"));
        }
        else
        {
            body.Element("td", fallback, ("class", "num hint"));
        }
    }
}
