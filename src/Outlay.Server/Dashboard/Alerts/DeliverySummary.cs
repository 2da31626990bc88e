using System.Globalization;
using Outlay.Core.Alerts;

namespace Outlay.Server.Dashboard.Alerts;

/// <summary>One short line about an alert's deliveries for the history table, and the badge class that goes with it.</summary>
internal static class DeliverySummary
{
    public static (string Text, string BadgeClass) For(IReadOnlyList<AlertDelivery>? deliveries)
    {
        if (deliveries is null || deliveries.Count == 0)
        {
            return ("none recorded", "badge");
        }

        var delivered = deliveries.Count(d => d.State == AlertDeliveryState.Delivered);
        var failed = deliveries.Where(d => d.State == AlertDeliveryState.Failed).ToList();
        var pending = deliveries.Where(d => d.State == AlertDeliveryState.Pending).ToList();
        var text = string.Create(CultureInfo.InvariantCulture, $"delivered {delivered}/{deliveries.Count}");
        if (failed.Count > 0)
        {
            return (text + string.Create(CultureInfo.InvariantCulture, $", failed {failed.Count}: {failed[0].LastDetail}"), "badge badge-danger");
        }

        if (pending.Count > 0)
        {
            var retrying = pending.FirstOrDefault(d => d.LastDetail is not null);
            return (text + (retrying is null ? ", sending" : ", retrying: " + retrying.LastDetail), "badge badge-warn");
        }

        return (text, "badge badge-ok");
    }
}
