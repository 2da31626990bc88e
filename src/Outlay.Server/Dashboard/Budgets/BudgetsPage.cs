using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Budgets;
using Outlay.Core.Storage;
using Outlay.Server.Budgets;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Budgets;

/// <summary>
/// <c>GET /budgets</c> lists the project's budgets evaluated by <see cref="BudgetEvaluator"/> (the API's numbers).
/// Admin sessions also add (<c>POST /budgets</c>, validated by <see cref="BudgetParser"/>) and delete
/// (<c>POST /budgets/{id}/delete</c>); read sessions see no forms and get a 403 page on those posts.
/// </summary>
internal static class BudgetsPage
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/budgets", ListAsync);
        group.MapPost("/budgets", AddAsync);
        group.MapPost("/budgets/{id}/delete", DeleteAsync);
    }

    private static Task<IResult> ListAsync(HttpContext http, IOutlayStore store, TimeProvider time) =>
        RenderAsync(http, store, time, DashboardContext.Get(http), null, null, StatusCodes.Status200OK);

    private static async Task<IResult> AddAsync(HttpContext http, IOutlayStore store, TimeProvider time)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        // The session filter has read and checked the form already.
        var (form, status) = await DashboardForm.ReadAsync(http.Request).ConfigureAwait(false);
        if (form is null)
        {
            return DashboardLayout.ErrorPage(http, caller, status, "Form not accepted", "The form could not be read; reload the page and try again.");
        }

        var now = time.GetUtcNow();
        BudgetDefinition budget;
        try
        {
            budget = BudgetParser.Parse(BudgetFormReader.Read(form), BudgetIds.New(), caller.ProjectId, now);
            var existing = await store.ListBudgetsAsync(caller.ProjectId, http.RequestAborted).ConfigureAwait(false);
            if (BudgetQuota.RefusalFor(existing.Count) is { } refusal)
            {
                throw new BudgetValidationException("name", refusal);
            }
        }
        catch (BudgetValidationException e)
        {
            return await RenderAsync(http, store, time, caller, e, form, StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        await store.AddBudgetAsync(budget, http.RequestAborted).ConfigureAwait(false);
        return new SeeOtherResult(DashboardLinks.WithTimeZone(http, "/budgets"));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IOutlayStore store)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return AdminOnly(http, caller);
        }

        // Scoped to the caller's project: another project's budget answers exactly like a missing one.
        var deleted = id.Length <= BudgetIds.MaxLength
            && await store.DeleteBudgetAsync(caller.ProjectId, id, http.RequestAborted).ConfigureAwait(false);
        return deleted
            ? new SeeOtherResult(DashboardLinks.WithTimeZone(http, "/budgets"))
            : DashboardLayout.ErrorPage(http, caller, StatusCodes.Status404NotFound, "No such budget", "There is no budget with that id in this project.");
    }

    private static IResult AdminOnly(HttpContext http, DashboardContext caller) =>
        DashboardLayout.ErrorPage(http, caller, StatusCodes.Status403Forbidden, "Admin key needed", "Adding and deleting budgets needs a session signed in with an admin key of this project.");

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store, TimeProvider time, DashboardContext caller, BudgetValidationException? error, IFormCollection? previous, int statusCode)
    {
        var now = time.GetUtcNow();
        var budgets = await store.ListBudgetsAsync(caller.ProjectId, http.RequestAborted).ConfigureAwait(false);
        var body = new HtmlBuilder().Element("h1", "Budgets");
        body.Element("p", "Each budget counts the spend of every event in its scope within its period, from the same rollups as reports. Nothing sits in your application's request path.", ("class", "muted"));
        var channels = await store.ListAlertChannelsAsync(caller.ProjectId, http.RequestAborted).ConfigureAwait(false);
        WriteAlertsNote(body, http, channels.Count);
        if (caller.IsAdmin)
        {
            BudgetAddForm.Write(body, caller, error, previous);
        }

        if (budgets.Count == 0)
        {
            WriteEmptyState(body, caller);
        }

        foreach (var budget in budgets.Where(b => string.Equals(b.ProjectId, caller.ProjectId, StringComparison.Ordinal)))
        {
            var evaluation = await BudgetEvaluator.EvaluateAsync(store, budget, now, http.RequestAborted).ConfigureAwait(false);
            BudgetCard.Write(body, caller, evaluation);
        }

        return DashboardLayout.Page(http, caller, "Budgets", DashboardNav.Budgets, body, statusCode);
    }

    private static void WriteAlertsNote(HtmlBuilder body, HttpContext http, int channelCount)
    {
        var alerts = DashboardLinks.WithTimeZone(http, "/alerts");
        body.Open("p", ("class", "notice"), ("data-testid", "alerts-note"));
        if (channelCount == 0)
        {
            body.Text("Threshold alerts are recorded, but there is no channel yet to deliver them: ")
                .Element("a", "add one on Alerts", ("href", alerts))
                .Text(".");
        }
        else
        {
            body.Text(channelCount == 1 ? "Threshold alerts are delivered to 1 channel: " : string.Create(CultureInfo.InvariantCulture, $"Threshold alerts are delivered to {channelCount} channels: "))
                .Element("a", "see them on Alerts", ("href", alerts))
                .Text(".");
        }

        body.Close("p");
    }

    private static void WriteEmptyState(HtmlBuilder body, DashboardContext caller)
    {
        body.Open("section", ("class", "empty"), ("data-testid", "budgets-empty"))
            .Element("h2", "No budgets yet")
            .Element("p", "A budget is a spend limit in USD for a scope (the whole project, or filters such as environment:prod or tag.customer:acme) over a calendar day, week, month or quarter in a time zone, or a rolling window. The page then shows spend so far, its state against the thresholds (default 50, 80, 100%) and a forecast for the period's end.")
            .Element("p", caller.IsAdmin ? "Add one with the form above, or with the CLI or API:" : "An admin adds one with the CLI or API:")
            .Element("pre", "outlay budgets add --store S --project NAME --name \"Prod\" --amount 500 --period month --time-zone Europe/Berlin --scope environment:prod", ("class", "mono"))
            .Element("pre", "POST /api/v1/budgets  (admin key)  {\"name\": \"Prod\", \"amount\": 500, \"period\": \"month\", \"time_zone\": \"Europe/Berlin\", \"scope\": [\"environment:prod\"]}", ("class", "mono"))
            .Close("section");
    }
}
