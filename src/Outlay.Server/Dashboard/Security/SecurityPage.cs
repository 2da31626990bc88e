using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Credentials;
using Outlay.Core.Findings;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;
using Outlay.Server.Findings;

namespace Outlay.Server.Dashboard.Security;

/// <summary>
/// <c>GET /security</c>: the project's findings (open first, filterable by status and kind) and its credential inventory.
/// Admin sessions review findings with POST forms (<c>/security/findings/{id}/acknowledge|snooze|reopen</c>, CSRF-checked
/// by the session filter); read sessions see no buttons and get a 403 page on those posts. Findings never contain a
/// secret; every value is still encoded, since it came from a client.
/// </summary>
internal static class SecurityPage
{
    /// <summary>The snooze form's <c>for</c> value that ends a snooze.</summary>
    public const string EndSnooze = "end";

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/security", RenderAsync);
        group.MapGet(CredentialPage.Path, CredentialPage.RenderAsync);
        group.MapPost("/security/findings/{id}/{action}", ReviewAsync);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store, TimeProvider time)
    {
        var caller = DashboardContext.Get(http);
        var now = time.GetUtcNow();
        var filters = SecurityFilters.From(http.Request);
        var findings = await store.ListFindingsAsync(caller.ProjectId, new FindingQuery(filters.Status, filters.Kind, null, FindingQuery.MaxLimit), http.RequestAborted).ConfigureAwait(false);
        var inventory = await CredentialViews.ReadInventoryAsync(store, caller.ProjectId, null, now, http.RequestAborted).ConfigureAwait(false);

        var body = new HtmlBuilder().Element("h1", "Security");
        FindingsSection.Write(body, http, caller, filters, findings.Where(f => string.Equals(f.ProjectId, caller.ProjectId, StringComparison.Ordinal)).ToList(), now);
        CredentialsSection.Write(body, http, caller, inventory, now);
        return DashboardLayout.Page(http, caller, "Security", DashboardNav.Security, body);
    }

    private static async Task<IResult> ReviewAsync(string id, string action, HttpContext http, IOutlayStore store, TimeProvider time, ILoggerFactory loggers)
    {
        var caller = DashboardContext.Get(http);
        if (!caller.IsAdmin)
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status403Forbidden, "Admin key needed", "Acknowledging, snoozing and reopening findings needs a session signed in with an admin key of this project.");
        }

        // The session filter has read the form and checked its CSRF token already.
        var (form, status) = await DashboardForm.ReadAsync(http.Request).ConfigureAwait(false);
        if (form is null)
        {
            return DashboardLayout.ErrorPage(http, caller, status, "Form not accepted", "The form could not be read; reload the page and try again.");
        }

        var now = time.GetUtcNow();
        Finding? finding;
        if (!Guid.TryParse(id, out var findingId))
        {
            finding = null;
        }
        else if (action == "acknowledge")
        {
            finding = await store.AcknowledgeFindingAsync(caller.ProjectId, findingId, caller.KeyId, now, http.RequestAborted).ConfigureAwait(false);
        }
        else if (action == "reopen")
        {
            finding = await store.ReopenFindingAsync(caller.ProjectId, findingId, http.RequestAborted).ConfigureAwait(false);
        }
        else if (action == "snooze")
        {
            DateTimeOffset? until;
            try
            {
                var length = DashboardForm.Field(form, "for", 16);
                until = length == EndSnooze ? null : FindingSnoozeWindow.EndAfter(length, now);
            }
            catch (FindingSnoozeException e)
            {
                return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status400BadRequest, "Snooze not accepted", e.Message);
            }

            finding = await store.SnoozeFindingAsync(caller.ProjectId, findingId, until, http.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status404NotFound, "No such action", "Findings can be acknowledged, snoozed or reopened.");
        }

        // Scoped to the caller's project: another project's finding answers exactly like a missing one.
        if (finding is null)
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status404NotFound, "No such finding", "There is no finding with that id in this project.");
        }

        var done = action switch
        {
            "acknowledge" => "acknowledged",
            "reopen" => "reopened",
            _ => finding.SnoozedUntil is null ? "unsnoozed" : "snoozed",
        };
        ServerLog.FindingReviewed(loggers.CreateLogger(typeof(SecurityPage)), finding.Id, done, caller.KeyId);
        var back = ReturnPath.Sanitize(DashboardForm.Field(form, "return", ReturnPath.MaxLength));
        if (!back.StartsWith("/security", StringComparison.Ordinal))
        {
            back = "/security";
        }

        return new SeeOtherResult(DashboardLinks.WithTimeZone(http, back) + "#finding-" + finding.Id.ToString("D"));
    }
}
