using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Findings;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Findings;

namespace Outlay.Server.Alerts;

/// <summary>Builds the notice a channel receives for a budget alert, a finding or a test. Plain facts; no keys, no other scopes.</summary>
internal static class AlertNotices
{
    /// <summary>Prefix of a finding notice's event: <c>finding.</c> and the kind, e.g. <c>finding.untracked_usage</c>.</summary>
    public const string FindingEventPrefix = "finding.";

    public const string ThresholdEvent = "budget.threshold";
    public const string ForecastEvent = "budget.forecast";
    public const string TestEvent = "channel.test";

    /// <summary>
    /// The notice for <paramref name="alert"/>, with amounts and the period start in the budget's zone
    /// (<paramref name="budget"/> when it still exists; UTC otherwise).
    /// </summary>
    public static AlertNotice ForAlert(long deliveryId, BudgetAlert alert, BudgetDefinition? budget)
    {
        var zone = budget?.Period.TimeZone ?? TimeZoneInfo.Utc;
        var periodStart = TimeZoneInfo.ConvertTime(alert.PeriodStart, zone);
        var periodText = budget?.Period.Kind == BudgetPeriodKind.Rolling
            ? string.Create(CultureInfo.InvariantCulture, $"the rolling {budget.Period.RollingHours} h window")
            : string.Create(CultureInfo.InvariantCulture, $"the {budget?.Period.KindName ?? "period"} starting {periodStart:yyyy-MM-dd HH:mm} ({zone.Id})");
        var spent = UsdText.FormatNano(alert.SpentNanoUsd);
        var amount = UsdText.FormatNano(alert.AmountNanoUsd);
        var forecast = alert.Kind == BudgetAlertKind.Forecast;
        var title = forecast
            ? $"Budget '{alert.BudgetName}' is forecast to reach 100%"
            : string.Create(CultureInfo.InvariantCulture, $"Budget '{alert.BudgetName}' reached {alert.Threshold}%");
        var summary = forecast
            ? $"On pace for {alert.PercentText}% of {amount} by the end of {periodText}; {spent} spent so far."
            : $"{spent} of {amount} spent ({alert.PercentText}%) in {periodText}.";
        var data = new JsonObject
        {
            ["budget_id"] = alert.BudgetId,
            ["budget_name"] = alert.BudgetName,
            ["kind"] = alert.KindName,
            ["threshold"] = alert.Threshold,
            ["period_start"] = periodStart.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["time_zone"] = zone.Id,
            ["spent_usd"] = NanoUsd.ToUsd(alert.SpentNanoUsd),
            ["amount_usd"] = NanoUsd.ToUsd(alert.AmountNanoUsd),
            ["percent"] = decimal.Parse(alert.PercentText, NumberStyles.Number, CultureInfo.InvariantCulture),
        };
        return new AlertNotice(NoticeId(deliveryId), forecast ? ForecastEvent : ThresholdEvent, alert.ProjectId, title, summary, alert.FiredAt, data, null);
    }

    /// <summary>
    /// The notice for <paramref name="finding"/>: what (its summary), where (its place), expected against observed, and
    /// its stored fields as data. Findings never hold a secret, so none can be sent. <paramref name="link"/> points at the
    /// dashboard's Security page when the server knows its public address.
    /// </summary>
    public static AlertNotice ForFinding(long deliveryId, Finding finding, Uri? link)
    {
        var severity = FindingSeverities.Name(finding.Severity);
        var where = FindingPlaceText.Format(finding.Place);
        var title = OneLine($"Outlay {severity} finding: {finding.Summary}");
        var summary = new StringBuilder(OneLine(finding.Summary));
        if (summary.Length > 0 && summary[^1] is not ('.' or '!' or '?'))
        {
            summary.Append('.');
        }

        summary.Append(" Where: ").Append(where).Append('.');
        if (finding.Expected is not null || finding.Observed is not null)
        {
            summary.Append(" Expected ").Append(finding.Expected ?? "-").Append("; observed ").Append(finding.Observed ?? "-").Append('.');
        }

        if (finding.Detail.Length > 0)
        {
            summary.Append(' ').Append(finding.Detail);
        }

        var place = new JsonObject();
        foreach (var (name, value) in finding.Place.Parts)
        {
            if (!string.IsNullOrEmpty(value))
            {
                place[name] = value;
            }
        }

        var data = new JsonObject
        {
            ["finding_id"] = finding.Id.ToString(),
            ["kind"] = finding.Kind,
            ["severity"] = severity,
            ["status"] = finding.StatusName,
            ["summary"] = finding.Summary,
            ["detail"] = finding.Detail,
            ["place"] = place,
            ["where"] = where,
            ["expected"] = finding.Expected,
            ["observed"] = finding.Observed,
            ["key_id"] = finding.KeyId,
            ["first_seen"] = Instant(finding.FirstSeen),
            ["last_seen"] = Instant(finding.LastSeen),
            ["occurrences"] = finding.Occurrences,
        };
        return new AlertNotice(NoticeId(deliveryId), FindingEventPrefix + finding.Kind, finding.ProjectId, title, summary.ToString(), finding.FirstSeen, data, link);
    }

    /// <summary>A test notice an admin asked for, so a channel can be checked without waiting for an alert.</summary>
    public static AlertNotice ForTest(AlertDelivery delivery, AlertChannel channel) => new(
        NoticeId(delivery.Id),
        TestEvent,
        delivery.ProjectId,
        $"Outlay test notice for channel '{channel.Name}'",
        "This is a test of an Outlay alert channel. Budget alerts will arrive here in the same format.",
        delivery.CreatedAt,
        new JsonObject { ["channel_id"] = channel.Id, ["channel_name"] = channel.Name, ["test"] = true },
        null);

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // A title becomes an email subject and a Slack header: control characters (line breaks) become spaces.
    private static string OneLine(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }
    });

    private static string NoticeId(long deliveryId) => "dlv_" + deliveryId.ToString(CultureInfo.InvariantCulture);
}
