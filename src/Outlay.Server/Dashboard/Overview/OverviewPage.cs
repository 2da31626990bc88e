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

namespace Outlay.Server.Dashboard.Overview;

/// <summary>
/// <c>GET /</c>: spend today and this month against the previous period, the month's forecast, spend over time by
/// model (<c>?chart=day|hour</c>), the top features, customers, services and key labels, and unpriced events.
/// </summary>
internal static class OverviewPage
{
    public static void Map(IEndpointRouteBuilder group) => group.MapGet("/", RenderAsync);

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store, TimeProvider time)
    {
        var caller = DashboardContext.Get(http);
        var chartKind = string.Equals(http.Request.Query["chart"], "hour", StringComparison.Ordinal) ? OverviewChartKind.Hour : OverviewChartKind.Day;
        var report = await OverviewReportBuilder.BuildAsync(store, caller.ProjectId, time.GetUtcNow(), caller.TimeZone, chartKind, http.RequestAborted).ConfigureAwait(false);
        var body = new HtmlBuilder().Element("h1", "Overview");
        if (!report.HasEvents)
        {
            OverviewEmptyState.Write(body, http);
            return DashboardLayout.Page(http, caller, "Overview", DashboardNav.Overview, body);
        }

        WriteCards(body, report);
        WriteUnpriced(body, http, report);
        WriteChart(body, http, report);
        body.Open("div", ("class", "top-lists"));
        foreach (var list in report.TopLists)
        {
            WriteTopList(body, http, list);
        }

        body.Close("div");
        return DashboardLayout.Page(http, caller, "Overview", DashboardNav.Overview, body);
    }

    private static void WriteCards(HtmlBuilder body, OverviewReport report)
    {
        var localNow = TimeZoneInfo.ConvertTime(report.Now, report.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        body.Open("section", ("class", "cards"), ("aria-label", "Spend summary"));
        Card(body, "Spend today", "spend-today", report.Today, "change-today", "yesterday up to " + localNow);
        Card(body, "Spend this month", "spend-month", report.Month, "change-month", "last month up to the same point");
        body.Open("div", ("class", "card"))
            .Element("p", "Forecast for the month", ("class", "card-label"));
        if (report.Forecast is { } forecast)
        {
            body.Element("p", UsdText.FormatNano(forecast.ProjectedNanoUsd), ("class", "card-value"), ("data-testid", "forecast"))
                .Element("p", forecast.Explanation, ("class", "card-note"), ("data-testid", "forecast-explanation"));
        }
        else
        {
            body.Element("p", "—", ("class", "card-value"), ("data-testid", "forecast"))
                .Element("p", "No spend history yet to project from.", ("class", "card-note"));
        }

        body.Close("div").Close("section");
    }

    private static void Card(HtmlBuilder body, string label, string testId, PeriodComparison period, string changeTestId, string against)
    {
        body.Open("div", ("class", "card"))
            .Element("p", label, ("class", "card-label"))
            .Element("p", UsdText.FormatNano(period.CurrentNanoUsd), ("class", "card-value"), ("data-testid", testId));
        WriteChange(body, period, changeTestId, against);
        body.Close("div");
    }

    /// <summary>"▲ 12.5% vs yesterday up to 14:05 ($3.20)"; more spend is marked <c>up</c> (worse), less <c>down</c>.</summary>
    internal static void WriteChange(HtmlBuilder body, PeriodComparison period, string testId, string against)
    {
        var previous = UsdText.FormatNano(period.PreviousNanoUsd);
        if (period.PercentChange is not { } change)
        {
            body.Element("p", "No prior spend (" + against + ")", ("class", "card-note"), ("data-testid", testId));
            return;
        }

        var percent = Math.Abs(change).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        var (arrow, word, css) = change switch
        {
            > 0 => ("▲", "up", "card-note up"),
            < 0 => ("▼", "down", "card-note down"),
            _ => ("=", "unchanged", "card-note"),
        };
        body.Open("p", ("class", css), ("data-testid", testId))
            .Element("span", arrow + " ", ("aria-hidden", "true"))
            .Text(word + " " + percent + " vs " + against + " (" + previous + ")")
            .Close("p");
    }

    private static void WriteUnpriced(HtmlBuilder body, HttpContext http, OverviewReport report)
    {
        if (report.MonthUnpricedEvents == 0)
        {
            body.Element("p", "Every event this month has a price.", ("class", "hint"), ("data-testid", "unpriced"));
            return;
        }

        body.Open("p", ("class", "notice"), ("data-testid", "unpriced"))
            .Element("strong", UsdText.Tokens(report.MonthUnpricedEvents) + " unpriced events this month.")
            .Text(" Their models have no price in the catalog, so they are counted but not in the totals above. ")
            .Element("a", "See which models and how to add a price", ("href", DashboardLinks.WithTimeZone(http, "/models#unpriced")))
            .Close("p");
    }

    private static void WriteChart(HtmlBuilder body, HttpContext http, OverviewReport report)
    {
        var hourly = report.ChartKind == OverviewChartKind.Hour;
        body.Open("section", ("class", "panel"), ("aria-labelledby", "chart-heading"))
            .Element("h2", "Spend by model", ("id", "chart-heading"))
            .Open("p", ("class", "chart-switch"))
            .Element("a", "By day, this month", ("href", DashboardLinks.WithTimeZone(http, "/?chart=day")), ("aria-current", hourly ? null : "true"), ("data-testid", "chart-day"))
            .Text(" · ")
            .Element("a", "By hour, last 48 hours", ("href", DashboardLinks.WithTimeZone(http, "/?chart=hour")), ("aria-current", hourly ? "true" : null), ("data-testid", "chart-hour"))
            .Close("p")
            .Append(StackedBarChart.Render(report.Chart, hourly ? "Spend by model per hour" : "Spend by model per day"))
            .Close("section");
    }

    private static void WriteTopList(HtmlBuilder body, HttpContext http, TopList list)
    {
        var headingId = list.TestId + "-heading";
        body.Open("section", ("class", "panel"), ("aria-labelledby", headingId), ("data-testid", list.TestId))
            .Element("h2", list.Title + " this month", ("id", headingId));
        if (list.Items.Count == 0 || (list.Items.Count == 1 && list.Items[0].Value is null))
        {
            var hint = list.Dimension.StartsWith("tag.", StringComparison.Ordinal)
                ? "No events carry the tag \"" + list.Dimension[4..] + "\" this month. Add it to events (SDK: Tags = { [\"" + list.Dimension[4..] + "\"] = \"…\" }) to see spend split by it."
                : "No events set this field this month.";
            body.Element("p", hint, ("class", "hint")).Close("section");
            return;
        }

        body.Open("div", ("class", "table-scroll")).Open("table")
            .Open("thead").Open("tr")
            .Element("th", list.Title[..^1], ("scope", "col"))
            .Element("th", "Spend", ("scope", "col"), ("class", "num"))
            .Element("th", "Share", ("scope", "col"))
            .Close("tr").Close("thead").Open("tbody");
        foreach (var item in list.Items)
        {
            body.Open("tr").Open("th", ("scope", "row"));
            if (item.Value is { } value)
            {
                var href = "/explore?range=mtd&by=model&filter=" + Uri.EscapeDataString(list.Dimension + ":" + value);
                body.Element("a", value, ("href", DashboardLinks.WithTimeZone(http, href)));
            }
            else
            {
                body.Text(TimeChartBuilder.NotSetName);
            }

            if (item.UnpricedEvents > 0)
            {
                body.Element("div", UsdText.Tokens(item.UnpricedEvents) + " unpriced events", ("class", "hint"));
            }

            body.Close("th")
                .Element("td", MoneyText.Spend(item.CostNanoUsd, item.UnpricedEvents), ("class", "num"))
                .Open("td", ("class", "bar-cell"))
                .Append(ShareBar.Render(item.CostNanoUsd, list.WholeNanoUsd))
                .Element("span", ShareBar.Percent(item.CostNanoUsd, list.WholeNanoUsd).ToString("0.#", CultureInfo.InvariantCulture) + "%", ("class", "hint"))
                .Close("td").Close("tr");
        }

        body.Close("tbody").Close("table").Close("div");
        if (list.OtherValues > 0)
        {
            body.Open("p", ("class", "hint"))
                .Text(list.OtherValues.ToString(CultureInfo.InvariantCulture) + " more. ")
                .Element("a", "See all in Explore", ("href", DashboardLinks.WithTimeZone(http, "/explore?range=mtd&by=" + Uri.EscapeDataString(list.Dimension))))
                .Close("p");
        }

        body.Close("section");
    }
}
