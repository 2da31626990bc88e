namespace Outlay.Core.Alerts;

/// <summary>Where one delivery of a notice to one channel stands.</summary>
public enum AlertDeliveryState
{
    /// <summary>Not delivered yet; attempted (again) at its next attempt time.</summary>
    Pending,

    /// <summary>The target accepted it.</summary>
    Delivered,

    /// <summary>Given up: refused for good, retries exhausted, or the channel was deleted.</summary>
    Failed,
}
