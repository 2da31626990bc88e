using Outlay.Core.Alerts;
using Outlay.Core.Storage;

namespace Outlay.Server.Alerts;

/// <summary>A project's recent deliveries grouped by the alert they carry, for the alert history.</summary>
internal static class AlertDeliveries
{
    /// <summary>Deliveries read for the history: the newest 1000.</summary>
    public const int Recent = 1000;

    public static async Task<Dictionary<BudgetAlertKey, List<AlertDelivery>>> ByAlertAsync(IOutlayStore store, string projectId, CancellationToken ct)
    {
        var byAlert = new Dictionary<BudgetAlertKey, List<AlertDelivery>>();
        foreach (var delivery in await store.ListAlertDeliveriesAsync(projectId, Recent, ct).ConfigureAwait(false))
        {
            if (delivery.Alert is { } key)
            {
                if (!byAlert.TryGetValue(key, out var list))
                {
                    byAlert[key] = list = [];
                }

                list.Insert(0, delivery); // listed newest first; keep each alert's deliveries in channel order
            }
        }

        return byAlert;
    }
}
