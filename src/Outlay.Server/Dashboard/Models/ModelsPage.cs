using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Charts;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Models;

/// <summary>
/// <c>GET /models</c>: which price priced which model in the last 30 days, the unpriced models with how to price
/// them (<c>#unpriced</c>), and the catalog in use (built-in plus the server's pricing configuration), searchable
/// with <c>?q=</c> and paged with <c>?page=</c>.
/// </summary>
internal static class ModelsPage
{
    /// <summary>Span of "used in range": the last 30 days.</summary>
    public static readonly TimeSpan UsageSpan = TimeSpan.FromDays(30);

    public static void Map(IEndpointRouteBuilder group) => group.MapGet("/models", RenderAsync);

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store, CostCalculator calculator, TimeProvider time)
    {
        var caller = DashboardContext.Get(http);
        var now = time.GetUtcNow();
        var usage = await store.QueryPriceUsageAsync(caller.ProjectId, HourAlignment.Floor(now - UsageSpan), HourAlignment.Ceiling(now), http.RequestAborted).ConfigureAwait(false);
        var body = new HtmlBuilder().Element("h1", "Models & prices");
        WriteUsage(body, usage);
        WriteUnpriced(body, usage, LocalTime.DayOf(now, caller.TimeZone));
        WriteCatalog(body, http, calculator.Catalog);
        return DashboardLayout.Page(http, caller, "Models & prices", DashboardNav.Models, body);
    }

    private static void WriteUsage(HtmlBuilder body, IReadOnlyList<PriceUsageRow> usage)
    {
        body.Open("section", ("class", "panel"), ("aria-labelledby", "usage-heading"), ("data-testid", "price-usage"))
            .Element("h2", "Used in the last 30 days", ("id", "usage-heading"))
            .Element("p", "Each model name as your applications sent it, the catalog entry that priced it, and what it cost.", ("class", "hint"));
        if (usage.Count == 0)
        {
            body.Element("p", "No events in the last 30 days.").Close("section");
            return;
        }

        body.Open("div", ("class", "table-scroll")).Open("table")
            .Open("thead").Open("tr");
        foreach (var (heading, numeric) in new[] { ("Provider", false), ("Model as sent", false), ("Price entry", false), ("Events", true), ("Cost", true) })
        {
            body.Element("th", heading, ("scope", "col"), ("class", numeric ? "num" : null));
        }

        body.Close("tr").Close("thead").Open("tbody");
        foreach (var row in usage)
        {
            body.Open("tr")
                .Element("td", row.Provider)
                .Element("th", row.Model, ("scope", "row"));
            if (row.PriceId is { } priceId)
            {
                body.Open("td").Element("code", priceId).Close("td");
            }
            else
            {
                body.Open("td").Element("a", "unpriced", ("href", "#unpriced"), ("class", "badge badge-warn")).Close("td");
            }

            body.Element("td", UsdText.Tokens(row.Events), ("class", "num"))
                .Element("td", row.PriceId is null ? "—" : UsdText.FormatNano(row.CostNanoUsd), ("class", "num"))
                .Close("tr");
        }

        body.Close("tbody").Close("table").Close("div").Close("section");
    }

    private static void WriteUnpriced(HtmlBuilder body, IReadOnlyList<PriceUsageRow> usage, DateOnly today)
    {
        var unpriced = usage.Where(r => r.PriceId is null || r.UnpricedEvents > 0).ToList();
        body.Open("section", ("class", "panel"), ("id", "unpriced"), ("aria-labelledby", "unpriced-heading"), ("data-testid", "unpriced-models"))
            .Element("h2", "Unpriced models", ("id", "unpriced-heading"));
        if (unpriced.Count == 0)
        {
            body.Element("p", "Every event in the last 30 days has a price.").Close("section");
            return;
        }

        body.Element("p", "These models have no price in the catalog, so their events are counted but never valued at $0. Add a price in a pricing configuration file:")
            .Open("ul");
        foreach (var row in unpriced)
        {
            UnpricedHelp.Write(body, row with { Events = row.PriceId is null ? row.Events : row.UnpricedEvents }, new DateOnly(today.Year, today.Month, 1));
        }

        body.Close("ul").Close("section");
    }

    private static void WriteCatalog(HtmlBuilder body, HttpContext http, PriceCatalog catalog)
    {
        var query = CatalogSearch.Normalize(http.Request.Query["q"]);
        var found = CatalogSearch.Find(catalog.Entries, query);
        var page = CatalogSearch.PageNumber(http.Request.Query["page"], found.Count);
        var pages = Math.Max(1, (found.Count + CatalogSearch.PageSize - 1) / CatalogSearch.PageSize);
        var builtIn = new HashSet<PriceEntry>(PriceCatalog.BuiltIn.Entries, ReferenceEqualityComparer.Instance);
        body.Open("section", ("class", "panel"), ("aria-labelledby", "catalog-heading"), ("data-testid", "catalog"))
            .Element("h2", "Price catalog in use", ("id", "catalog-heading"))
            .Element("p", string.Create(CultureInfo.InvariantCulture, $"{catalog.Entries.Count:#,##0} entries, USD per 1M tokens. Built-in prices generated {catalog.Generated ?? "(unknown)"}; entries marked \"yours\" come from the server's pricing configuration. An empty cache or reasoning cell is billed at the rate named."), ("class", "hint"))
            .Open("form", ("method", "get"), ("action", "/models"), ("class", "form-grid"), ("role", "search"))
            .Open("div", ("class", "field"))
            .Element("label", "Search provider or model", ("for", "catalog-q"))
            .Void("input", ("id", "catalog-q"), ("name", "q"), ("type", "search"), ("value", query), ("maxlength", CatalogSearch.MaxQueryLength.ToString(CultureInfo.InvariantCulture)), ("data-testid", "catalog-search"))
            .Close("div");
        if (http.Request.Query.ContainsKey(DashboardTimeZone.QueryName))
        {
            body.Void("input", ("type", "hidden"), ("name", DashboardTimeZone.QueryName), ("value", DashboardContext.Get(http).TimeZone.Id));
        }

        body.Open("div", ("class", "field")).Element("button", "Search", ("type", "submit"), ("class", "button button-primary")).Close("div")
            .Close("form")
            .Element("p", string.Create(CultureInfo.InvariantCulture, $"{found.Count:#,##0} matching; page {page} of {pages}."), ("data-testid", "catalog-count"));
        CatalogTable.Write(body, found.Skip((page - 1) * CatalogSearch.PageSize).Take(CatalogSearch.PageSize), builtIn);
        WritePager(body, http, query, page, pages);
        body.Close("section");
    }

    private static void WritePager(HtmlBuilder body, HttpContext http, string query, int page, int pages)
    {
        if (pages <= 1)
        {
            return;
        }

        string Href(int target) => DashboardLinks.WithTimeZone(http, "/models?" + (query.Length > 0 ? "q=" + Uri.EscapeDataString(query) + "&" : string.Empty) + "page=" + target.ToString(CultureInfo.InvariantCulture) + "#catalog-heading");
        body.Open("nav", ("aria-label", "Catalog pages"), ("class", "pager")).Open("p");
        if (page > 1)
        {
            body.Element("a", "← Previous", ("href", Href(page - 1)), ("rel", "prev"), ("data-testid", "catalog-prev")).Text(" ");
        }

        body.Text(string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pages}"));
        if (page < pages)
        {
            body.Text(" ").Element("a", "Next →", ("href", Href(page + 1)), ("rel", "next"), ("data-testid", "catalog-next"));
        }

        body.Close("p").Close("nav");
    }
}
