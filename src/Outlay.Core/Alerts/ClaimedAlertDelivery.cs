namespace Outlay.Core.Alerts;

/// <summary>
/// A delivery leased to one caller until <see cref="LeaseUntil"/>: nobody else claims it before then, and only the
/// holder of <see cref="LeaseToken"/> can complete it.
/// </summary>
/// <param name="Delivery">The delivery, its attempts already counting this one.</param>
/// <param name="Alert">The alert it carries; null for a test notice, or when the alert row is gone.</param>
/// <param name="LeaseToken">Proof of the lease, passed back to complete it.</param>
/// <param name="LeaseUntil">When the lease lapses and the delivery may be claimed again.</param>
public sealed record ClaimedAlertDelivery(AlertDelivery Delivery, BudgetAlert? Alert, string LeaseToken, DateTimeOffset LeaseUntil);
