using System.Globalization;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Findings;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;
using Outlay.Server.Findings;

namespace Outlay.Server.Dashboard.Security;

/// <summary>
/// The Security page's findings: filters, then one row per finding (open first, then the most severe, then the latest
/// seen) saying what, where, expected against observed, when and how often, with the review buttons for admin sessions.
/// </summary>
internal static class FindingsSection
{
    /// <summary>Findings shown at most: 500.</summary>
    public const int MaxShown = 500;

    public static void Write(HtmlBuilder body, HttpContext http, DashboardContext caller, SecurityFilters filters, IReadOnlyList<Finding> findings, DateTimeOffset now)
    {
        body.Open("section", ("aria-labelledby", "findings-heading"), ("data-testid", "findings"))
            .Element("h2", "Findings", ("id", "findings-heading"))
            .Element("p", "What Outlay noticed that your fleet should not have done: credentials sent in events, retired labels still in use, spikes, loops, new places and hours, and usage the provider reports that no tracked event explains. New warning and critical findings go to the project's alert channels once; a snooze silences its kind and subject.", ("class", "muted"));
        WriteFilters(body, http, caller, filters);
        if (findings.Count == 0)
        {
            body.Open("div", ("class", "empty"), ("data-testid", "findings-empty"))
                .Element("p", filters.Status is null && filters.Kind is null
                    ? "No findings. Outlay records one when an event carries something credential-shaped, a retired key label is used, or a detector sees usage far from its usual pattern."
                    : "No findings match these filters.")
                .Close("div")
                .Close("section");
            return;
        }

        var ordered = findings
            .OrderBy(f => f.Status)
            .ThenByDescending(f => f.Severity)
            .ThenByDescending(f => f.LastSeen)
            .Take(MaxShown)
            .ToList();
        if (findings.Count > MaxShown)
        {
            body.Element("p", string.Create(CultureInfo.InvariantCulture, $"Showing {MaxShown} of {findings.Count}."), ("class", "muted small"));
        }

        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "findings-table"))
            .Element("caption", string.Create(CultureInfo.InvariantCulture, $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}, open first"), ("class", "muted small"))
            .Open("thead").Open("tr");
        foreach (var heading in caller.IsAdmin
            ? new[] { "Severity", "Kind", "What", "Where", "Expected", "Observed", "First seen", "Last seen", "Seen", "Status", "Review" }
            : ["Severity", "Kind", "What", "Where", "Expected", "Observed", "First seen", "Last seen", "Seen", "Status"])
        {
            body.Element("th", heading, ("scope", "col"));
        }

        body.Close("tr").Close("thead").Open("tbody");
        var returnPath = filters.Path();
        foreach (var finding in ordered)
        {
            WriteRow(body, http, caller, finding, returnPath, now);
        }

        body.Close("tbody").Close("table").Close("div").Close("section");
    }

    private static void WriteFilters(HtmlBuilder body, HttpContext http, DashboardContext caller, SecurityFilters filters)
    {
        body.Open("form", ("method", "get"), ("action", "/security"), ("class", "panel"), ("data-testid", "findings-filters"))
            .Open("div", ("class", "form-grid"))
            .Open("div", ("class", "field"))
            .Element("label", "Status", ("for", "finding-status"))
            .Open("select", ("id", "finding-status"), ("name", "status"), ("data-testid", "filter-status"));
        foreach (var (value, label) in new[] { ("", "All"), ("open", "Open"), ("acknowledged", "Acknowledged") })
        {
            body.Element("option", label, ("value", value), ("selected", value == filters.StatusName ? string.Empty : null));
        }

        body.Close("select").Close("div")
            .Open("div", ("class", "field"))
            .Element("label", "Kind", ("for", "finding-kind"))
            .Open("select", ("id", "finding-kind"), ("name", "kind"), ("data-testid", "filter-kind"))
            .Element("option", "All kinds", ("value", string.Empty));
        foreach (var kind in FindingKinds.All)
        {
            body.Element("option", kind, ("value", kind), ("selected", kind == filters.Kind ? string.Empty : null));
        }

        body.Close("select").Close("div");
        if (http.Request.Query.ContainsKey(DashboardTimeZone.QueryName))
        {
            body.Void("input", ("type", "hidden"), ("name", DashboardTimeZone.QueryName), ("value", caller.TimeZone.Id));
        }

        body.Open("div", ("class", "field"))
            .Element("button", "Filter", ("type", "submit"), ("class", "button button-primary"), ("data-testid", "filter-submit"))
            .Close("div")
            .Close("div").Close("form");
    }

    private static void WriteRow(HtmlBuilder body, HttpContext http, DashboardContext caller, Finding finding, string returnPath, DateTimeOffset now)
    {
        var id = finding.Id.ToString("D");
        body.Open("tr", ("id", "finding-" + id), ("data-testid", "finding"), ("data-finding-id", id), ("data-kind", finding.Kind))
            .Open("td").Element("span", FindingSeverities.Name(finding.Severity), ("class", "badge " + SeverityClass(finding.Severity)), ("data-testid", "finding-severity")).Close("td")
            .Element("td", finding.Kind, ("class", "mono"), ("data-testid", "finding-kind"))
            .Open("td")
            .Element("strong", finding.Summary, ("data-testid", "finding-summary"));
        if (finding.Detail.Length > 0)
        {
            body.Element("p", finding.Detail, ("class", "muted small"));
        }

        body.Close("td").Open("td", ("data-testid", "finding-where"));
        WriteWhere(body, http, finding.Place);
        body.Close("td")
            .Element("td", finding.Expected ?? "—", ("data-testid", "finding-expected"))
            .Element("td", finding.Observed ?? "—", ("data-testid", "finding-observed"))
            .Open("td");
        LocalTimeText.Element(body, finding.FirstSeen, caller.TimeZone).Close("td").Open("td");
        LocalTimeText.Element(body, finding.LastSeen, caller.TimeZone).Close("td")
            .Element("td", finding.Occurrences.ToString("N0", CultureInfo.InvariantCulture), ("data-testid", "finding-occurrences"))
            .Open("td", ("data-testid", "finding-status"))
            .Element("span", finding.StatusName, ("class", finding.Status == FindingStatus.Open ? "badge badge-warn" : "badge"));
        if (finding.IsSnoozedAt(now))
        {
            body.Text(" ").Element("span", "snoozed until " + LocalTimeText.Text(finding.SnoozedUntil!.Value, caller.TimeZone), ("class", "muted small"), ("data-testid", "finding-snoozed"));
        }

        body.Close("td");
        if (caller.IsAdmin)
        {
            body.Open("td", ("class", "actions"));
            if (finding.Status == FindingStatus.Open)
            {
                Action(body, caller, id, "acknowledge", null, "Acknowledge", "Acknowledge finding: " + finding.Summary, returnPath);
            }
            else
            {
                Action(body, caller, id, "reopen", null, "Reopen", "Reopen finding: " + finding.Summary, returnPath);
            }

            Action(body, caller, id, "snooze", "24h", "Snooze 24h", "Snooze findings like this for 24 hours: " + finding.Summary, returnPath);
            Action(body, caller, id, "snooze", "7d", "Snooze 7d", "Snooze findings like this for 7 days: " + finding.Summary, returnPath);
            if (finding.IsSnoozedAt(now))
            {
                Action(body, caller, id, "snooze", SecurityPage.EndSnooze, "End snooze", "End the snooze of: " + finding.Summary, returnPath);
            }

            body.Close("td");
        }

        body.Close("tr");
    }

    private static void WriteWhere(HtmlBuilder body, HttpContext http, FindingPlace place)
    {
        if (!string.IsNullOrEmpty(place.KeyLabel))
        {
            body.Text("label ")
                .Element("a", place.KeyLabel, ("href", DashboardLinks.WithTimeZone(http, CredentialPage.PathOf(place.KeyLabel))), ("data-testid", "finding-label"));
            var rest = FindingPlaceText.Format(place with { KeyLabel = null });
            if (rest != "unknown")
            {
                body.Text(" · " + rest);
            }

            return;
        }

        body.Text(FindingPlaceText.Format(place));
    }

    private static void Action(HtmlBuilder body, DashboardContext caller, string id, string action, string? length, string label, string accessibleName, string returnPath)
    {
        body.Open("form", ("method", "post"), ("action", "/security/findings/" + id + "/" + action), ("class", "inline-form"))
            .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
            .Void("input", ("type", "hidden"), ("name", "return"), ("value", returnPath));
        if (length is not null)
        {
            body.Void("input", ("type", "hidden"), ("name", "for"), ("value", length));
        }

        body.Element("button", label, ("type", "submit"), ("class", "button"), ("aria-label", accessibleName), ("data-testid", "finding-" + action + (length is null ? "" : "-" + length)))
            .Close("form");
    }

    private static string SeverityClass(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => "badge-danger",
        FindingSeverity.Warning => "badge-warn",
        _ => "badge-ok",
    };
}
