using Outlay.Core.Alerts;
using Outlay.Server.Alerts;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Alerts;

/// <summary>The Channels section of the Alerts page: each channel's kind, redacted target and delivery health, with admin forms.</summary>
internal static class AlertChannelsSection
{
    public static void Write(HtmlBuilder body, DashboardContext caller, IReadOnlyList<AlertChannel> channels, IReadOnlyList<AlertChannelHealth> health)
    {
        body.Open("section", ("data-testid", "channels"))
            .Element("h2", "Channels");
        if (channels.Count == 0)
        {
            body.Open("div", ("class", "empty"), ("data-testid", "channels-empty"))
                .Element("p", "No channel yet: alerts are recorded below and in GET /api/v1/alerts, but nobody is notified. Add a webhook (signed JSON), a Slack incoming webhook or email recipients.")
                .Element("pre", "outlay alerts channels add --store S --project NAME --name \"Ops Slack\" --kind slack --url https://hooks.slack.com/services/…", ("class", "mono"))
                .Element("pre", "POST /api/v1/alert-channels  (admin key)  {\"name\": \"Ops Slack\", \"kind\": \"slack\", \"url\": \"https://hooks.slack.com/services/…\"}", ("class", "mono"))
                .Close("div");
        }
        else
        {
            var byId = health.ToDictionary(h => h.ChannelId, StringComparer.Ordinal);
            body.Open("div", ("class", "table-scroll"))
                .Open("table", ("data-testid", "channels-table"))
                .Open("thead").Open("tr");
            foreach (var heading in caller.IsAdmin ? new[] { "Name", "Kind", "Target", "Health", string.Empty } : ["Name", "Kind", "Target", "Health"])
            {
                body.Element("th", heading, ("scope", "col"));
            }

            body.Close("tr").Close("thead").Open("tbody");
            foreach (var channel in channels)
            {
                var item = AlertChannelHealthItem.From(byId.GetValueOrDefault(channel.Id));
                body.Open("tr", ("data-testid", "channel-" + channel.Id))
                    .Element("td", channel.Name)
                    .Element("td", channel.KindName)
                    .Element("td", channel.DisplayTarget, ("class", "mono"))
                    .Open("td", ("data-testid", "channel-health"));
                WriteHealth(body, caller, item);
                body.Close("td");
                if (caller.IsAdmin)
                {
                    body.Open("td")
                        .Open("form", ("method", "post"), ("action", "/alerts/channels/" + channel.Id + "/test"), ("class", "inline-form"))
                        .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
                        .Element("button", "Send test", ("type", "submit"), ("data-testid", "test-" + channel.Id))
                        .Close("form")
                        .Open("form", ("method", "post"), ("action", "/alerts/channels/" + channel.Id + "/delete"), ("class", "inline-form"), ("data-confirm", "Delete channel " + channel.Name + "? Its pending deliveries fail."))
                        .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
                        .Element("button", "Delete", ("type", "submit"), ("class", "button-danger"), ("data-testid", "delete-" + channel.Id))
                        .Close("form")
                        .Close("td");
                }

                body.Close("tr");
            }

            body.Close("tbody").Close("table").Close("div");
        }

        body.Close("section");
    }

    private static void WriteHealth(HtmlBuilder body, DashboardContext caller, AlertChannelHealthItem item)
    {
        switch (item.Status)
        {
            case AlertChannelHealthItem.Ok:
                body.Element("span", "ok", ("class", "badge badge-ok")).Text(" last delivered ");
                LocalTimeText.Element(body, item.LastAttemptAt!.Value, caller.TimeZone);
                break;
            case AlertChannelHealthItem.Failing:
                body.Element("span", "failing", ("class", "badge badge-danger")).Text(" since ");
                LocalTimeText.Element(body, item.FailingSince!.Value, caller.TimeZone);
                body.Text(": " + item.LastDetail);
                break;
            default:
                body.Element("span", "never used", ("class", "badge"));
                break;
        }
    }
}
