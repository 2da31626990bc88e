namespace Outlay.Core.Alerts;

/// <summary>How a claimed delivery attempt ended, as recorded.</summary>
/// <param name="State">Delivered; pending to retry at <paramref name="RetryAt"/>; or failed for good.</param>
/// <param name="AttemptedAt">When the attempt ended.</param>
/// <param name="Detail">Short, secret-free description (at most 500 characters are kept).</param>
/// <param name="RetryAt">When to try again; required for pending, ignored otherwise.</param>
public sealed record AlertDeliveryCompletion(AlertDeliveryState State, DateTimeOffset AttemptedAt, string Detail, DateTimeOffset? RetryAt = null);
