using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Alerts;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Alerts;

/// <summary>
/// <c>GET /alerts</c>: the project's budget alert history, newest first (each threshold fires once per period), and an
/// honest statement that no delivery channel exists yet, so nothing is sent anywhere.
/// </summary>
internal static class AlertsPage
{
    private const int MaxShown = 500;

    public static void Map(IEndpointRouteBuilder group) => group.MapGet("/alerts", RenderAsync);

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store)
    {
        var caller = DashboardContext.Get(http);
        var alerts = await store.ListBudgetAlertsAsync(caller.ProjectId, MaxShown, http.RequestAborted).ConfigureAwait(false);

        var body = new HtmlBuilder().Element("h1", "Alerts");
        body.Element("p", "Every threshold a budget reaches fires once per period, and a forecast alert fires when a calendar period's projection first reaches 100%. The server checks budgets every minute; restarts and several server processes never fire an alert twice.", ("class", "muted"));

        body.Open("section", ("class", "empty"), ("data-testid", "not-configured"))
            .Element("h2", "Delivery: not configured yet")
            .Element("p", "Alerts are recorded below and in GET /api/v1/alerts, but no channel (webhook, Slack, e-mail) exists yet, so nobody is notified. Channels arrive with the rest of the budgets issue.")
            .Close("section");

        if (alerts.Count == 0)
        {
            body.Open("section", ("class", "empty"), ("data-testid", "alerts-empty"))
                .Element("h2", "No alerts have fired")
                .Open("p").Text("Alerts come from budgets. ")
                .Element("a", "Add a budget", ("href", DashboardLinks.WithTimeZone(http, "/budgets")))
                .Text(" and an alert is recorded when its spend reaches a threshold.")
                .Close("p")
                .Close("section");
            return DashboardLayout.Page(http, caller, "Alerts", DashboardNav.Alerts, body);
        }

        body.Element("h2", string.Create(CultureInfo.InvariantCulture, $"History ({alerts.Count}{(alerts.Count == MaxShown ? ", newest shown" : string.Empty)})"));
        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "alerts-table"))
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "When", "Budget", "Alert", "Of budget", "Spent", "Budget amount" })
        {
            body.Element("th", heading, ("scope", "col"));
        }

        body.Close("tr").Close("thead").Open("tbody");
        foreach (var alert in alerts)
        {
            body.Open("tr").Open("td");
            LocalTimeText.Element(body, alert.FiredAt, caller.TimeZone).Close("td")
                .Element("td", alert.BudgetName)
                .Element("td", Describe(alert))
                .Element("td", alert.PercentText + "%", ("class", "num"))
                .Element("td", UsdText.FormatNano(alert.SpentNanoUsd), ("class", "num"))
                .Element("td", UsdText.FormatNano(alert.AmountNanoUsd), ("class", "num"))
                .Close("tr");
        }

        body.Close("tbody").Close("table").Close("div");
        return DashboardLayout.Page(http, caller, "Alerts", DashboardNav.Alerts, body);
    }

    private static string Describe(BudgetAlert alert) => alert.Kind == BudgetAlertKind.Forecast
        ? "Forecast to reach 100%"
        : string.Create(CultureInfo.InvariantCulture, $"Reached {alert.Threshold}%");
}
