using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outlay.Core.Alerts;
using Outlay.Core.Findings;
using Outlay.Core.Storage;
using Outlay.Server.Background;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Secrets;

namespace Outlay.Server.Alerts;

/// <summary>
/// Background loop that, every <see cref="OutlayServerOptions.AlertDeliveryInterval"/>, leases the due deliveries
/// (exclusively, so several processes on one store never send one twice at once), opens each channel's sealed
/// settings, sends the notice through <see cref="IAlertChannelSender"/> and records the outcome, retrying on the
/// <see cref="AlertRetrySchedule"/>. Logs name deliveries and channels by id only, never a URL, secret or address.
/// </summary>
internal sealed class AlertDeliveryWorker : BackgroundService
{
    /// <summary>Deliveries leased per claim: 50.</summary>
    public const int BatchSize = 50;

    /// <summary>How long a claim holds a delivery: 5 min, well beyond one send's time limit.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Claims per run at most, so one run ends: 20 (1,000 deliveries).</summary>
    private const int MaxClaimsPerRun = 20;

    private readonly IOutlayStore _store;
    private readonly IAlertChannelSender _sender;
    private readonly ChannelSecretBox _box;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<AlertDeliveryWorker> _logger;
    private readonly Uri? _publicUrl;

    public AlertDeliveryWorker(IOutlayStore store, IAlertChannelSender sender, ChannelSecretBox box, OutlayServerOptions options, ILogger<AlertDeliveryWorker> logger)
    {
        _store = store;
        _sender = sender;
        _box = box;
        _time = options.Clock;
        _interval = options.AlertDeliveryInterval;
        _logger = logger;
        _publicUrl = options.PublicUrl is { } url && !url.AbsolutePath.EndsWith('/') ? new Uri(url.AbsoluteUri + "/") : options.PublicUrl;
    }

    /// <summary>One pass at <paramref name="now"/>: attempts every due delivery; returns what each attempt recorded.</summary>
    internal async Task<IReadOnlyList<(AlertDelivery Delivery, AlertDeliveryCompletion Completion)>> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var done = new List<(AlertDelivery, AlertDeliveryCompletion)>();
        for (var claim = 0; claim < MaxClaimsPerRun; claim++)
        {
            var claimed = await _store.ClaimAlertDeliveriesAsync(now, Lease, BatchSize, ct).ConfigureAwait(false);
            foreach (var item in claimed)
            {
                var completion = await AttemptAsync(item, now, ct).ConfigureAwait(false);
                if (await _store.CompleteAlertDeliveryAsync(item.Delivery.Id, item.LeaseToken, completion, ct).ConfigureAwait(false))
                {
                    done.Add((item.Delivery, completion));
                    Log(item.Delivery, completion);
                }
            }

            if (claimed.Count < BatchSize)
            {
                break;
            }
        }

        return done;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(_interval, _time, RunOnceAsync, e => ServerLog.DeliveryRunFailed(_logger, e.GetType().Name), stoppingToken);

    private async Task<AlertDeliveryCompletion> AttemptAsync(ClaimedAlertDelivery item, DateTimeOffset now, CancellationToken ct)
    {
        var delivery = item.Delivery;
        var channel = await _store.GetAlertChannelAsync(delivery.ProjectId, delivery.ChannelId, ct).ConfigureAwait(false);
        if (channel is null)
        {
            return new AlertDeliveryCompletion(AlertDeliveryState.Failed, now, "channel deleted");
        }

        AlertNotice notice;
        if (delivery.FindingId is not null)
        {
            if (item.Finding is not { } finding)
            {
                return new AlertDeliveryCompletion(AlertDeliveryState.Failed, now, "finding no longer recorded");
            }

            notice = AlertNotices.ForFinding(delivery.Id, finding, SecurityLink(finding));
        }
        else if (delivery.Alert is null)
        {
            notice = AlertNotices.ForTest(delivery, channel);
        }
        else if (item.Alert is { } alert)
        {
            var budget = await _store.GetBudgetAsync(delivery.ProjectId, alert.BudgetId, ct).ConfigureAwait(false);
            notice = AlertNotices.ForAlert(delivery.Id, alert, budget);
        }
        else
        {
            return new AlertDeliveryCompletion(AlertDeliveryState.Failed, now, "alert no longer recorded");
        }

        var (config, outcome) = OpenSettings(channel);
        if (config is not null)
        {
            try
            {
                outcome = await _sender.SendAsync(channel.Kind, config, notice, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The sender should report failures as outcomes; a throw is retried like a transient failure.
                outcome = DeliveryOutcome.Retry("sender error: " + e.GetType().Name);
            }
        }

        if (outcome!.Delivered)
        {
            return new AlertDeliveryCompletion(AlertDeliveryState.Delivered, now, outcome.Detail);
        }

        if (!outcome.Retryable)
        {
            return new AlertDeliveryCompletion(AlertDeliveryState.Failed, now, outcome.Detail);
        }

        return AlertRetrySchedule.GivesUp(delivery.Attempts, delivery.CreatedAt, now)
            ? new AlertDeliveryCompletion(AlertDeliveryState.Failed, now, $"gave up after {delivery.Attempts} attempts: {outcome.Detail}")
            : new AlertDeliveryCompletion(AlertDeliveryState.Pending, now, outcome.Detail, now + AlertRetrySchedule.DelayAfter(delivery.Attempts));
    }

    /// <summary>The Security page entry of <paramref name="finding"/>, when the server knows its public address.</summary>
    private Uri? SecurityLink(Finding finding) =>
        _publicUrl is null ? null : new Uri(_publicUrl, "security#finding-" + finding.Id.ToString("D"));

    /// <summary>The channel's settings, or the outcome that stands in for a send when they cannot be opened.</summary>
    private (AlertChannelConfig? Config, DeliveryOutcome? Outcome) OpenSettings(AlertChannel channel)
    {
        try
        {
            return (_box.Open(channel.Id, channel.SealedSettings), null);
        }
        catch (CryptographicException)
        {
            return (null, DeliveryOutcome.Permanent("settings cannot be decrypted with this server's key"));
        }
        catch (InvalidOperationException e) when (_box.KeyUnavailable)
        {
            // A key file that is unreadable or too open may be fixed by its owner: retried on the schedule.
            return (null, DeliveryOutcome.Retry("secret key unavailable: " + e.Message));
        }
    }

    private void Log(AlertDelivery delivery, AlertDeliveryCompletion completion)
    {
        if (completion.State == AlertDeliveryState.Failed)
        {
            ServerLog.DeliveryGaveUp(_logger, delivery.Id, delivery.ChannelId, delivery.Attempts, completion.Detail);
        }
        else
        {
            ServerLog.DeliveryAttempted(_logger, delivery.Id, delivery.ChannelId, completion.State == AlertDeliveryState.Delivered ? "delivered" : "retrying", delivery.Attempts, completion.Detail);
        }
    }
}
