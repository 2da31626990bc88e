using System.Globalization;
using System.Text.Json.Nodes;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Alerts;

/// <summary>Builds the notice a channel receives for a budget alert or a test. Plain facts; no keys, no other scopes.</summary>
internal static class AlertNotices
{
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

    private static string NoticeId(long deliveryId) => "dlv_" + deliveryId.ToString(CultureInfo.InvariantCulture);
}
