using Outlay.Core.Findings;

namespace Outlay.Core.Alerts;

/// <summary>
/// A delivery leased to one caller until <see cref="LeaseUntil"/>: nobody else claims it before then, and only the
/// holder of <see cref="LeaseToken"/> can complete it.
/// </summary>
/// <param name="Delivery">The delivery, its attempts already counting this one.</param>
/// <param name="Alert">The budget alert it carries; null for a finding or test notice, or when the alert row is gone.</param>
/// <param name="LeaseToken">Proof of the lease, passed back to complete it.</param>
/// <param name="LeaseUntil">When the lease lapses and the delivery may be claimed again.</param>
/// <param name="Finding">The finding it carries (see <see cref="AlertDelivery.FindingId"/>); null otherwise, or when the finding row is gone.</param>
public sealed record ClaimedAlertDelivery(AlertDelivery Delivery, BudgetAlert? Alert, string LeaseToken, DateTimeOffset LeaseUntil, Finding? Finding = null);
