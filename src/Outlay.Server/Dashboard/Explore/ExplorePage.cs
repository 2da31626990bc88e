using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Charts;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Explore;

/// <summary>
/// <c>GET /explore</c>: spend grouped by up to two dimensions, filtered, over a range, with a chart when bucketed,
/// a sortable table and CSV/JSON export of exactly the table. Parameters that cannot be understood give a 400 page
/// with the message beside the form, never a 500.
/// </summary>
internal static class ExplorePage
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/explore", RenderAsync);
        ExploreExports.Map(group);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store, TimeProvider time)
    {
        var caller = DashboardContext.Get(http);
        var tz = http.Request.Query.ContainsKey(DashboardTimeZone.QueryName) ? caller.TimeZone.Id : null;
        var body = new HtmlBuilder().Element("h1", "Explore");
        var view = ExploreRequest.Default;
        SpendQuery query;
        try
        {
            view = ExploreRequest.Parse(http.Request.Query);
            query = view.ToSpendQuery(time.GetUtcNow(), caller.TimeZone);
        }
        catch (SpendQueryException e)
        {
            body.Element("p", e.Message, ("class", "form-error"), ("role", "alert"), ("data-testid", "explore-error"));
            ExploreForm.Write(body, view, tz);
            return DashboardLayout.Page(http, caller, "Explore", DashboardNav.Explore, body, StatusCodes.Status400BadRequest);
        }

        var result = await SpendQueries.RunAsync(store, caller.ProjectId, query, http.RequestAborted).ConfigureAwait(false);
        var rows = ExploreRows.Arrange(result, view);
        ExploreForm.Write(body, view, tz);
        WriteChips(body, http, view);
        WriteSummary(body, http, view, query, result, rows.Count);
        if (query.Interval != SpendInterval.None)
        {
            var buckets = ChartBuckets.Create(query.From, query.To, query.Interval, caller.TimeZone);
            var dimension = view.GroupBy.Count > 0 ? view.GroupBy[0] : null;
            var chart = TimeChartBuilder.Build(result.Rows, dimension, buckets, query.Interval, caller.TimeZone);
            var what = "Spend" + (dimension is null ? string.Empty : " by " + dimension) + (query.Interval == SpendInterval.Hour ? " per hour" : " per day");
            body.Open("section", ("class", "panel")).Append(StackedBarChart.Render(chart, what)).Close("section");
        }

        ExploreTable.Write(body, http, view, query, result, rows);
        return DashboardLayout.Page(http, caller, "Explore", DashboardNav.Explore, body);
    }

    private static void WriteChips(HtmlBuilder body, HttpContext http, ExploreRequest view)
    {
        if (view.Filters.Count == 0)
        {
            return;
        }

        body.Open("ul", ("class", "legend"), ("aria-label", "Active filters"), ("data-testid", "filter-chips"));
        for (var i = 0; i < view.Filters.Count; i++)
        {
            body.Open("li", ("class", "badge"))
                .Text(view.Filters[i] + " ")
                .Element("a", "✕", ("href", Link(http, view.WithoutFilter(i), "/explore")), ("aria-label", "Remove filter " + view.Filters[i]), ("data-testid", "remove-filter"))
                .Close("li");
        }

        body.Close("ul");
    }

    private static void WriteSummary(HtmlBuilder body, HttpContext http, ExploreRequest view, SpendQuery query, SpendResult result, int shown)
    {
        var zone = query.TimeZone;
        body.Open("p", ("data-testid", "explore-summary"))
            .Text(LocalTimeText.Text(query.From, zone) + " to " + LocalTimeText.Text(query.To, zone) + " (whole hours). ")
            .Element("strong", UsdText.FormatNano(result.TotalCostNanoUsd), ("data-testid", "explore-total"))
            .Text(" in " + UsdText.Tokens(result.Rows.Count) + (result.Rows.Count == 1 ? " row" : " rows") + ". ");
        if (result.UnpricedEvents > 0)
        {
            body.Text(UsdText.Tokens(result.UnpricedEvents) + " unpriced events are counted but not valued. ");
        }

        body.Close("p");
        if (result.Rows.Count > shown)
        {
            body.Element(
                "p",
                string.Create(CultureInfo.InvariantCulture, $"Showing the first {shown:#,##0} of {result.Rows.Count:#,##0} rows in this order; the downloads hold the same {shown:#,##0}. Narrow the range or add a filter to see the rest."),
                ("class", "notice"),
                ("data-testid", "rows-capped"));
        }

        body.Open("p")
            .Element("a", "Download CSV", ("href", Link(http, view, "/explore/export.csv")), ("class", "button"), ("data-testid", "export-csv"), ("download", string.Empty))
            .Text(" ")
            .Element("a", "Download JSON", ("href", Link(http, view, "/explore/export.json")), ("class", "button"), ("data-testid", "export-json"), ("download", string.Empty))
            .Text(" ")
            .Element("a", "Link to this view", ("href", Link(http, view, "/explore")), ("data-testid", "explore-permalink"))
            .Close("p");
    }

    internal static string Link(HttpContext http, ExploreRequest view, string path) =>
        DashboardLinks.WithTimeZone(http, path + "?" + view.ToQueryString());
}
