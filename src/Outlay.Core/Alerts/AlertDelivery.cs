namespace Outlay.Core.Alerts;

/// <summary>
/// One notice to deliver to one channel, and how that went. Created pending for every channel of the project in the
/// same transaction that records the alert, so a crash can never leave an alert without its deliveries.
/// </summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="ProjectId">The project.</param>
/// <param name="ChannelId">The channel (which may since have been deleted).</param>
/// <param name="Alert">The budget alert delivered; null for a finding notice or a test notice queued by an admin.</param>
/// <param name="State">Pending, delivered or failed.</param>
/// <param name="Attempts">Attempts started so far.</param>
/// <param name="NextAttemptAt">When a pending delivery is next due.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="LastAttemptAt">When the last attempt ended; null before the first.</param>
/// <param name="LastDetail">What the last attempt said (<c>HTTP 503</c>), free of secrets; null before the first.</param>
/// <param name="DeliveredAt">When it was delivered; null otherwise.</param>
/// <param name="FindingId">The finding delivered (a notice about a finding, with <paramref name="Alert"/> null); null otherwise.</param>
public sealed record AlertDelivery(
    long Id,
    string ProjectId,
    string ChannelId,
    BudgetAlertKey? Alert,
    AlertDeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    string? LastDetail,
    DateTimeOffset? DeliveredAt,
    Guid? FindingId = null)
{
    /// <summary>The state as written in the store and API: <c>pending</c>, <c>delivered</c> or <c>failed</c>.</summary>
    public string StateName => State switch
    {
        AlertDeliveryState.Delivered => "delivered",
        AlertDeliveryState.Failed => "failed",
        _ => "pending",
    };
}
