using System.Collections.Concurrent;
using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Tests.Alerts;

/// <summary>A channel sender that records every notice and answers with the outcome the test chooses.</summary>
internal sealed class RecordingSender(Func<AlertNotice, DeliveryOutcome>? answer = null) : IAlertChannelSender
{
    private readonly ConcurrentQueue<(AlertChannelKind Kind, AlertChannelConfig Config, AlertNotice Notice)> _sent = new();

    public IReadOnlyList<(AlertChannelKind Kind, AlertChannelConfig Config, AlertNotice Notice)> Sent => [.. _sent];

    public Func<AlertNotice, DeliveryOutcome> Answer { get; set; } = answer ?? (_ => DeliveryOutcome.Success("HTTP 200"));

    public Task<DeliveryOutcome> SendAsync(AlertChannelKind kind, AlertChannelConfig config, AlertNotice notice, CancellationToken cancellationToken)
    {
        _sent.Enqueue((kind, config, notice));
        return Task.FromResult(Answer(notice));
    }
}
