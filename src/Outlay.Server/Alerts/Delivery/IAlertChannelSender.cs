using Outlay.Core.Alerts;

namespace Outlay.Server.Alerts.Delivery;

/// <summary>Sends one notice to one channel, once. Retries and their record belong to the caller.</summary>
internal interface IAlertChannelSender
{
    /// <summary>Attempts delivery; never throws for a failure of the target (it is an outcome), only for cancellation.</summary>
    Task<DeliveryOutcome> SendAsync(AlertChannelKind kind, AlertChannelConfig config, AlertNotice notice, CancellationToken cancellationToken);
}
