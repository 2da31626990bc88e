using System.Globalization;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Credentials;
using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Security;

/// <summary>
/// The Security page's credential inventory: one row per key label with its state, where it is used, when it was first
/// and last seen and what it spent in the last 7 UTC days; each label links to its where view.
/// </summary>
internal static class CredentialsSection
{
    /// <summary>Days of spend shown: the last 7 UTC days, today included.</summary>
    public const int SpendDays = 7;

    /// <summary>Values listed per cell before "and N more".</summary>
    private const int MaxValuesShown = 5;

    public static void Write(HtmlBuilder body, HttpContext http, DashboardContext caller, IReadOnlyList<CredentialInventoryEntry> inventory, DateTimeOffset now)
    {
        body.Open("section", ("aria-labelledby", "credentials-heading"), ("data-testid", "credentials"))
            .Element("h2", "Credentials", ("id", "credentials-heading"))
            .Element("p", "Every provider credential your fleet reports, by its key label (a name, never the key): where it is used and what it spent. Open a label to see each place it was used, the question a rotation starts with.", ("class", "muted"));
        if (inventory.Count == 0)
        {
            body.Open("div", ("class", "empty"), ("data-testid", "credentials-empty"))
                .Element("p", "No key labels yet. Set KeyLabel on each tracked call (for example openai-prod-2026-03) and the credential appears here with its services, environments and instances.")
                .Close("div")
                .Close("section");
            return;
        }

        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "credentials-table"))
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "Label", "State", "Services", "Environments", "Instances", "Models", "First seen", "Last seen", "Spend, last 7 days" })
        {
            body.Element("th", heading, ("scope", "col"));
        }

        body.Close("tr").Close("thead").Open("tbody");
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-(SpendDays - 1));
        foreach (var entry in inventory.OrderByDescending(e => e.State).ThenBy(e => e.KeyLabel, StringComparer.Ordinal))
        {
            var week = entry.DailySpend.Where(d => d.Day >= since).ToList();
            var unpriced = week.Sum(d => d.UnpricedEvents);
            body.Open("tr", ("data-testid", "credential"), ("data-label", entry.KeyLabel))
                .Open("th", ("scope", "row"))
                .Element("a", entry.KeyLabel, ("href", DashboardLinks.WithTimeZone(http, CredentialPage.PathOf(entry.KeyLabel))), ("class", "mono"), ("data-testid", "credential-link"))
                .Close("th")
                .Open("td").Element("span", StateText(entry.State), ("class", "badge " + StateClass(entry.State)), ("data-testid", "credential-state")).Close("td")
                .Element("td", Values(entry.Services))
                .Element("td", Values(entry.Environments))
                .Element("td", Values(entry.Instances))
                .Element("td", Values(entry.Models))
                .Open("td");
            When(body, entry.FirstSeen, caller).Close("td").Open("td");
            When(body, entry.LastSeen, caller).Close("td")
                .Open("td", ("data-testid", "credential-spend"))
                .Text(UsdText.FormatNano(week.Sum(d => d.CostNanoUsd)));
            if (unpriced > 0)
            {
                body.Element("span", string.Create(CultureInfo.InvariantCulture, $" + {unpriced:N0} unpriced calls"), ("class", "muted small"));
            }

            body.Close("td").Close("tr");
        }

        body.Close("tbody").Close("table").Close("div").Close("section");
    }

    /// <summary><c>active</c>, <c>retired</c> or <c>retired, still in use</c>.</summary>
    public static string StateText(CredentialState state) => state switch
    {
        CredentialState.RetiredInUse => "retired, still in use",
        CredentialState.Retired => "retired",
        _ => "active",
    };

    public static string StateClass(CredentialState state) => state switch
    {
        CredentialState.RetiredInUse => "badge-danger",
        CredentialState.Retired => "badge",
        _ => "badge-ok",
    };

    /// <summary>An instant in the viewer's zone, or a dash.</summary>
    public static HtmlBuilder When(HtmlBuilder body, DateTimeOffset? at, DashboardContext caller) =>
        at is { } instant ? LocalTimeText.Element(body, instant, caller.TimeZone) : body.Text("—");

    private static string Values(IReadOnlyList<CredentialSighting> sightings)
    {
        if (sightings.Count == 0)
        {
            return "—";
        }

        var shown = sightings.Take(MaxValuesShown).Select(s => s.Value.Length == 0 ? "(unset)" : s.Value);
        var text = string.Join(", ", shown);
        return sightings.Count > MaxValuesShown
            ? string.Create(CultureInfo.InvariantCulture, $"{text} and {sightings.Count - MaxValuesShown} more")
            : text;
    }
}
