using System.Text.Json.Serialization;
using Outlay.Core.Alerts;
using Outlay.Core.Pricing;

namespace Outlay.Server.Alerts;

/// <summary>
/// One fired alert as the API shows it, with its delivery to each channel: empty when the project had no channel then,
/// or when its deliveries are older than the project's newest 1,000.
/// </summary>
internal sealed record BudgetAlertItem(
    [property: JsonPropertyName("budget_id")] string BudgetId,
    [property: JsonPropertyName("budget_name")] string BudgetName,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("threshold")] int Threshold,
    [property: JsonPropertyName("period_start")] DateTimeOffset PeriodStart,
    [property: JsonPropertyName("fired_at")] DateTimeOffset FiredAt,
    [property: JsonPropertyName("spent_usd")] decimal SpentUsd,
    [property: JsonPropertyName("amount_usd")] decimal AmountUsd,
    [property: JsonPropertyName("percentage")] string Percentage,
    [property: JsonPropertyName("deliveries")] IReadOnlyList<AlertDeliveryItem> Deliveries)
{
    public static BudgetAlertItem From(BudgetAlert alert, IReadOnlyList<AlertDeliveryItem> deliveries) => new(
        alert.BudgetId,
        alert.BudgetName,
        alert.KindName,
        alert.Threshold,
        alert.PeriodStart,
        alert.FiredAt,
        NanoUsd.ToUsd(alert.SpentNanoUsd),
        NanoUsd.ToUsd(alert.AmountNanoUsd),
        alert.PercentText,
        deliveries);
}
