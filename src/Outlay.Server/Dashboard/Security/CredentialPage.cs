using System.Globalization;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Credentials;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Security;

/// <summary>
/// <c>GET /security/credential?label=L</c>: where one key label is used — every service × environment × instance × model
/// with its first and last event — and, for a retired label with a replacement, the rotation: which places moved to
/// the new label, which have not, and which use both. The label is a query value, so any label is a valid link.
/// </summary>
internal static class CredentialPage
{
    public const string Path = "/security/credential";

    /// <summary>The where view of <paramref name="label"/>.</summary>
    public static string PathOf(string label) => Path + "?label=" + Uri.EscapeDataString(label);

    public static async Task<IResult> RenderAsync(HttpContext http, IOutlayStore store, TimeProvider time)
    {
        var caller = DashboardContext.Get(http);
        var label = http.Request.Query["label"];
        if (label.Count != 1 || string.IsNullOrEmpty(label[0]) || label[0]!.Length > CredentialRetirement.MaxKeyLabelLength)
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status404NotFound, "No such key label", "Open a key label from the Credentials list on the Security page.");
        }

        var keyLabel = label[0]!;
        var now = time.GetUtcNow();
        var entry = (await CredentialViews.ReadInventoryAsync(store, caller.ProjectId, keyLabel, now, http.RequestAborted).ConfigureAwait(false))
            .FirstOrDefault(e => string.Equals(e.KeyLabel, keyLabel, StringComparison.Ordinal));
        if (entry is null)
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status404NotFound, "No such key label", "No event in this project used that key label, and it was never retired.");
        }

        var body = new HtmlBuilder()
            .Open("p", ("class", "small"))
            .Element("a", "← Security", ("href", DashboardLinks.WithTimeZone(http, "/security")), ("data-testid", "back-to-security"))
            .Close("p")
            .Open("h1").Text("Where ").Element("span", keyLabel, ("class", "mono"), ("data-testid", "where-label")).Text(" is used").Close("h1");
        body.Open("p", ("data-testid", "where-summary"))
            .Element("span", CredentialsSection.StateText(entry.State), ("class", "badge " + CredentialsSection.StateClass(entry.State)))
            .Text(string.Create(CultureInfo.InvariantCulture, $" {entry.Events:N0} events in {entry.Places.Count} place{(entry.Places.Count == 1 ? "" : "s")}."));
        if (entry.Retirement is { } retirement)
        {
            body.Text(" Retired from ");
            LocalTimeText.Element(body, retirement.RetiredAt, caller.TimeZone);
            body.Text(retirement.ReplacedBy is null ? "." : "; replaced by " + retirement.ReplacedBy + ".");
            if (entry.InUseSince is { } since)
            {
                body.Text(" Still in use since ");
                LocalTimeText.Element(body, since, caller.TimeZone);
                body.Text(".");
            }
        }

        body.Close("p");
        WritePlaces(body, caller, entry);
        if (entry.Retirement?.ReplacedBy is { } replacement && !string.Equals(replacement, keyLabel, StringComparison.Ordinal))
        {
            var rotation = await CredentialViews.ReadRotationAsync(store, caller.ProjectId, keyLabel, replacement, http.RequestAborted).ConfigureAwait(false);
            WriteRotation(body, http, caller, rotation);
        }

        return DashboardLayout.Page(http, caller, "Where " + keyLabel + " is used", DashboardNav.Security, body);
    }

    private static void WritePlaces(HtmlBuilder body, DashboardContext caller, CredentialInventoryEntry entry)
    {
        body.Open("section", ("aria-labelledby", "places-heading"))
            .Element("h2", "Places", ("id", "places-heading"));
        if (entry.Places.Count == 0)
        {
            body.Element("p", "No event has used this label.", ("class", "muted"), ("data-testid", "places-empty")).Close("section");
            return;
        }

        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "places-table"))
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "Service", "Environment", "Instance", "Model", "First seen", "Last seen", "Events" })
        {
            body.Element("th", heading, ("scope", "col"));
        }

        body.Close("tr").Close("thead").Open("tbody");
        foreach (var place in entry.Places)
        {
            var afterRetirement = entry.IsUsedAfterRetirement(place);
            body.Open("tr", ("data-testid", "place"))
                .Element("td", Dimension(place.Service))
                .Element("td", Dimension(place.Environment))
                .Element("td", Dimension(place.Instance))
                .Element("td", Dimension(place.Model))
                .Open("td");
            LocalTimeText.Element(body, place.FirstSeen, caller.TimeZone).Close("td").Open("td");
            LocalTimeText.Element(body, place.LastSeen, caller.TimeZone);
            if (afterRetirement)
            {
                body.Text(" ").Element("span", "after retirement", ("class", "badge badge-danger"));
            }

            body.Close("td")
                .Element("td", place.Events.ToString("N0", CultureInfo.InvariantCulture))
                .Close("tr");
        }

        body.Close("tbody").Close("table").Close("div").Close("section");
    }

    private static void WriteRotation(HtmlBuilder body, HttpContext http, DashboardContext caller, CredentialRotation rotation)
    {
        body.Open("section", ("aria-labelledby", "rotation-heading"), ("data-testid", "rotation"))
            .Open("h2", ("id", "rotation-heading")).Text("Rotation to ")
            .Element("a", rotation.NewLabel, ("href", DashboardLinks.WithTimeZone(http, PathOf(rotation.NewLabel))), ("class", "mono"))
            .Close("h2")
            .Element("p", string.Create(CultureInfo.InvariantCulture, $"{rotation.NotMovedCount} not moved, {rotation.BothCount} using both, {rotation.MovedCount} moved."), ("data-testid", "rotation-summary"));
        if (rotation.Places.Count == 0)
        {
            body.Element("p", "Neither label has been used yet.", ("class", "muted")).Close("section");
            return;
        }

        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "rotation-table"))
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "Service", "Environment", "Instance", "Status", "Old label last seen", "New label first seen" })
        {
            body.Element("th", heading, ("scope", "col"));
        }

        body.Close("tr").Close("thead").Open("tbody");
        foreach (var place in rotation.Places)
        {
            body.Open("tr", ("data-testid", "rotation-place"))
                .Element("td", Dimension(place.Service))
                .Element("td", Dimension(place.Environment))
                .Element("td", Dimension(place.Instance))
                .Open("td").Element("span", StatusText(place.Status), ("class", "badge " + StatusClass(place.Status)), ("data-testid", "rotation-status")).Close("td")
                .Open("td");
            CredentialsSection.When(body, place.OldLastSeen, caller).Close("td").Open("td");
            CredentialsSection.When(body, place.NewFirstSeen, caller).Close("td").Close("tr");
        }

        body.Close("tbody").Close("table").Close("div").Close("section");
    }

    private static string Dimension(string value) => value.Length == 0 ? "(unset)" : value;

    private static string StatusText(CredentialRotationStatus status) => status switch
    {
        CredentialRotationStatus.Moved => "moved",
        CredentialRotationStatus.Both => "both",
        _ => "not moved",
    };

    private static string StatusClass(CredentialRotationStatus status) => status switch
    {
        CredentialRotationStatus.Moved => "badge-ok",
        CredentialRotationStatus.Both => "badge-warn",
        _ => "badge-danger",
    };
}
