using Outlay.Core.Alerts;

namespace Outlay.Server.Alerts.Delivery;

/// <summary>Routes a notice to the webhook, Slack or email sender.</summary>
internal sealed class AlertChannelSender : IAlertChannelSender
{
    // Filled in by the delivery work: webhook (signed), Slack, SMTP.
    public Task<DeliveryOutcome> SendAsync(AlertChannelKind kind, AlertChannelConfig config, AlertNotice notice, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryOutcome.Permanent("sender not built yet"));
}
