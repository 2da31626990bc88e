using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Findings;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Security;

/// <summary>
/// <c>GET /security</c>: the project's findings (secret tripwires from ingest, anomalies, reconciliation gaps), latest
/// seen first. Findings never contain the secret; every value is still encoded, since it came from a client.
/// </summary>
internal static class SecurityPage
{
    private const int MaxShown = 500;

    public static void Map(IEndpointRouteBuilder group) => group.MapGet("/security", RenderAsync);

    private static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store)
    {
        var caller = DashboardContext.Get(http);
        var findings = (await store.ListFindingsAsync(caller.ProjectId, new FindingQuery(Limit: MaxShown + 1), http.RequestAborted).ConfigureAwait(false))
            .Where(f => string.Equals(f.ProjectId, caller.ProjectId, StringComparison.Ordinal))
            .ToList();

        var body = new HtmlBuilder().Element("h1", "Security");
        body.Element("p", "Outlay refuses any event field that looks like a credential (a provider API key, a token, a private key) and records a finding here. The value itself is never stored.", ("class", "muted"));
        if (findings.Count == 0)
        {
            body.Open("section", ("class", "empty"), ("data-testid", "findings-empty"))
                .Element("h2", "No findings")
                .Element("p", "Nothing credential-shaped has been sent to this project. A finding appears when an event's tag, key label or other text field carries something that looks like a secret; the event is refused and the sending key and service are named here.")
                .Close("section");
        }
        else
        {
            var countText = findings.Count > MaxShown
                ? string.Create(CultureInfo.InvariantCulture, $"more than {MaxShown}")
                : findings.Count.ToString(CultureInfo.InvariantCulture);
            body.Element("h2", $"Findings ({countText})");
            if (findings.Count > MaxShown)
            {
                body.Element("p", string.Create(CultureInfo.InvariantCulture, $"Showing the newest {MaxShown}."), ("class", "muted small"));
            }

            body.Open("div", ("class", "table-scroll"))
                .Open("table", ("data-testid", "findings-table"))
                .Open("thead").Open("tr");
            foreach (var heading in new[] { "Last seen", "Kind", "Detail", "Service", "Environment", "Key" })
            {
                body.Element("th", heading, ("scope", "col"));
            }

            body.Close("tr").Close("thead").Open("tbody");
            foreach (var finding in findings.Take(MaxShown))
            {
                body.Open("tr").Open("td");
                LocalTimeText.Element(body, finding.LastSeen, caller.TimeZone).Close("td")
                    .Open("td").Element("span", finding.Kind, ("class", "badge badge-danger")).Close("td")
                    .Element("td", finding.Detail)
                    .Element("td", finding.Place.Service ?? "—")
                    .Element("td", finding.Place.Environment ?? "—")
                    .Element("td", finding.KeyId ?? "—", ("class", "mono"))
                    .Close("tr");
            }

            body.Close("tbody").Close("table").Close("div");
        }

        body.Open("section", ("class", "notice"))
            .Element("p", "Credential inventory (which provider keys each service uses, and when one appears somewhere new) and anomaly detection arrive with the key-theft issue.")
            .Close("section");
        return DashboardLayout.Page(http, caller, "Security", DashboardNav.Security, body);
    }
}
