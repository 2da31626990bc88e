using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Alerts;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Alerts;
using Outlay.Server.Alerts.Secrets;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Alerts;

/// <summary>
/// <c>GET /alerts</c>: the project's alert channels with their delivery health, and the budget alert history, newest
/// first, with each alert's delivery. Admin sessions add channels (<c>POST /alerts/channels</c>, validated and sealed
/// exactly as the API does), send a test (<c>POST /alerts/channels/{id}/test</c>) and delete
/// (<c>POST /alerts/channels/{id}/delete</c>); read sessions see no forms and get a 403 page on those posts.
/// </summary>
internal static class AlertsPage
{
    private const int MaxShown = 500;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/alerts", ListAsync);
        group.MapPost("/alerts/channels", AddAsync);
        group.MapPost("/alerts/channels/{id}/delete", DeleteAsync);
        group.MapPost("/alerts/channels/{id}/test", TestAsync);
    }

    private static Task<IResult> ListAsync(HttpContext http, IOutlayStore store) =>
        RenderAsync(http, store, DashboardContext.Get(http), null, null, null, StatusCodes.Status200OK);

    private static async Task<IResult> AddAsync(HttpContext http, IOutlayStore store, ChannelSecretBox box, TimeProvider time, OutlayServerOptions options, ILoggerFactory loggers)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        var (form, status) = await DashboardForm.ReadAsync(http.Request).ConfigureAwait(false);
        if (form is null)
        {
            return DashboardLayout.ErrorPage(http, caller, status, "Form not accepted", "The form could not be read; reload the page and try again.");
        }

        if (AlertChannelForm.Read(form) is not { } draft)
        {
            return await RenderAsync(http, store, caller, "Each field may be given once, at most 2048 characters.", form, null, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        AlertChannel? channel;
        ValidatedAlertChannel? validated;
        string? refusal;
        try
        {
            (channel, validated, refusal) = await AlertChannelEndpoints.AddAsync(store, box, caller.ProjectId, draft, time.GetUtcNow(), http.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (box.KeyUnavailable)
        {
            return await RenderAsync(http, store, caller, AlertChannelEndpoints.SecretKeyProblem(options, e), form, null, StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
        }

        if (channel is null)
        {
            return await RenderAsync(http, store, caller, refusal, form, null, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        ServerLog.ChannelAdded(loggers.CreateLogger(typeof(AlertsPage)), channel.Id, channel.KindName, caller.ProjectId);
        if (validated!.Config.SigningSecret is not { } secret)
        {
            return new SeeOtherResult(DashboardLinks.WithTimeZone(http, "/alerts"));
        }

        // The one response that carries the webhook's signing secret: never stored by the browser or anything between.
        http.Response.Headers.CacheControl = "no-store";
        var body = new HtmlBuilder()
            .Element("h1", "Channel added")
            .Open("section", ("class", "panel"))
            .Open("p", ("class", "notice"), ("role", "alert"))
            .Open("strong").Text("Copy this signing secret now. ").Close("strong")
            .Text("It will not be shown again. Your receiver uses it to check the Outlay-Signature header of each webhook.")
            .Close("p")
            .Element("p", "Webhook " + channel.Name + " (" + channel.Id + ") to " + channel.DisplayTarget, ("data-testid", "created-channel"))
            .Element("p", secret, ("id", "new-secret"), ("class", "secret"), ("data-testid", "channel-secret"))
            .Element("button", "Copy to clipboard", ("type", "button"), ("data-copy", "#new-secret"), ("hidden", string.Empty))
            .Open("p").Element("a", "Back to alerts", ("href", DashboardLinks.WithTimeZone(http, "/alerts"))).Close("p")
            .Close("section");
        return DashboardLayout.Page(http, caller, "Channel added", DashboardNav.Alerts, body, StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IOutlayStore store, ILoggerFactory loggers)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        // Scoped to the caller's project: another project's channel answers exactly like a missing one.
        var deleted = id.Length <= AlertChannelIds.MaxLength
            && await store.DeleteAlertChannelAsync(caller.ProjectId, id, http.RequestAborted).ConfigureAwait(false);
        if (!deleted)
        {
            return NoSuchChannel(http, caller);
        }

        ServerLog.ChannelDeleted(loggers.CreateLogger(typeof(AlertsPage)), id, caller.ProjectId);
        return new SeeOtherResult(DashboardLinks.WithTimeZone(http, "/alerts"));
    }

    private static async Task<IResult> TestAsync(string id, HttpContext http, IOutlayStore store, TimeProvider time)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        var queued = id.Length <= AlertChannelIds.MaxLength
            ? await store.QueueTestAlertDeliveryAsync(caller.ProjectId, id, time.GetUtcNow(), http.RequestAborted).ConfigureAwait(false)
            : null;
        return queued is null
            ? NoSuchChannel(http, caller)
            : await RenderAsync(http, store, caller, null, null, "A test notice is queued; the channel's health shows the outcome within seconds.", StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static IResult AdminOnly(HttpContext http, DashboardContext caller) =>
        DashboardLayout.ErrorPage(http, caller, StatusCodes.Status403Forbidden, "Admin key needed", "Adding, testing and deleting alert channels needs a session signed in with an admin key of this project.");

    private static IResult NoSuchChannel(HttpContext http, DashboardContext caller) =>
        DashboardLayout.ErrorPage(http, caller, StatusCodes.Status404NotFound, "No such channel", "There is no alert channel with that id in this project.");

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store, DashboardContext caller, string? error, IFormCollection? previous, string? notice, int statusCode)
    {
        var ct = http.RequestAborted;
        var alerts = await store.ListBudgetAlertsAsync(caller.ProjectId, MaxShown, ct).ConfigureAwait(false);
        var channels = await store.ListAlertChannelsAsync(caller.ProjectId, ct).ConfigureAwait(false);
        var health = await store.ListAlertChannelHealthAsync(caller.ProjectId, ct).ConfigureAwait(false);
        var deliveries = await AlertDeliveries.ByAlertAsync(store, caller.ProjectId, ct).ConfigureAwait(false);

        var body = new HtmlBuilder().Element("h1", "Alerts");
        body.Element("p", "Every threshold a budget reaches fires once per period, and a forecast alert fires when a calendar period's projection first reaches 100%. The server checks budgets every minute and delivers each alert to every channel of the project, retrying failures with back-off for up to a day; restarts and several server processes never fire or send an alert twice.", ("class", "muted"));
        if (notice is not null)
        {
            body.Element("p", notice, ("class", "notice"), ("role", "status"), ("data-testid", "channel-notice"));
        }

        AlertChannelsSection.Write(body, caller, channels, health);
        if (caller.IsAdmin)
        {
            AlertChannelForm.Write(body, caller, error, previous);
        }

        if (alerts.Count == 0)
        {
            body.Open("section", ("class", "empty"), ("data-testid", "alerts-empty"))
                .Element("h2", "No alerts have fired")
                .Open("p").Text("Alerts come from budgets. ")
                .Element("a", "Add a budget", ("href", DashboardLinks.WithTimeZone(http, "/budgets")))
                .Text(" and an alert is recorded when its spend reaches a threshold.")
                .Close("p")
                .Close("section");
            return DashboardLayout.Page(http, caller, "Alerts", DashboardNav.Alerts, body, statusCode);
        }

        body.Element("h2", string.Create(CultureInfo.InvariantCulture, $"History ({alerts.Count}{(alerts.Count == MaxShown ? ", newest shown" : string.Empty)})"));
        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "alerts-table"))
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "When", "Budget", "Alert", "Of budget", "Spent", "Budget amount", "Delivery" })
        {
            body.Element("th", heading, ("scope", "col"));
        }

        body.Close("tr").Close("thead").Open("tbody");
        foreach (var alert in alerts)
        {
            var (deliveryText, badge) = DeliverySummary.For(deliveries.GetValueOrDefault(alert.Key));
            body.Open("tr").Open("td");
            LocalTimeText.Element(body, alert.FiredAt, caller.TimeZone).Close("td")
                .Element("td", alert.BudgetName)
                .Element("td", Describe(alert))
                .Element("td", alert.PercentText + "%", ("class", "num"))
                .Element("td", UsdText.FormatNano(alert.SpentNanoUsd), ("class", "num"))
                .Element("td", UsdText.FormatNano(alert.AmountNanoUsd), ("class", "num"))
                .Open("td", ("data-testid", "alert-delivery")).Element("span", deliveryText, ("class", badge)).Close("td")
                .Close("tr");
        }

        body.Close("tbody").Close("table").Close("div");
        return DashboardLayout.Page(http, caller, "Alerts", DashboardNav.Alerts, body, statusCode);
    }

    private static string Describe(BudgetAlert alert) => alert.Kind == BudgetAlertKind.Forecast
        ? "Forecast to reach 100%"
        : string.Create(CultureInfo.InvariantCulture, $"Reached {alert.Threshold}%");
}
