using System.Net;
using System.Net.Security;
using System.Reflection;
using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery.Email;
using Outlay.Server.Alerts.Delivery.Network;
using Outlay.Server.Alerts.Delivery.Slack;
using Outlay.Server.Alerts.Delivery.Webhooks;

namespace Outlay.Server.Alerts.Delivery;

/// <summary>
/// Routes a notice to the signed webhook, Slack or SMTP sender. Webhook and Slack requests share one client whose
/// every connection passes the address guard built from <see cref="OutlayServerOptions.AlertTargetAllowList"/>.
/// </summary>
internal sealed class AlertChannelSender : IAlertChannelSender, IDisposable
{
    private readonly HttpClient client;
    private readonly WebhookSender webhooks;
    private readonly SlackSender slack;
    private readonly SmtpEmailSender email;

    /// <summary>The server's sender; throws <see cref="ArgumentException"/> for a bad allow-list entry.</summary>
    public AlertChannelSender(OutlayServerOptions options)
        : this(options, resolver: null, connect: null, smtpCertificateValidation: null)
    {
    }

    /// <summary>Tests: a fake resolver, an observed connection, a test SMTP certificate.</summary>
    internal AlertChannelSender(
        OutlayServerOptions options,
        IHostResolver? resolver,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect,
        RemoteCertificateValidationCallback? smtpCertificateValidation)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = TargetAddressPolicy.Parse(options.AlertTargetAllowList);
        client = GuardedHttpClientFactory.Create(new GuardedConnector(policy, resolver, connect));
        webhooks = new WebhookSender(client, options.Clock, UserAgent);
        slack = new SlackSender(client, UserAgent);
        email = new SmtpEmailSender(options.Smtp, options.Clock, smtpCertificateValidation);
    }

    /// <summary><c>Outlay/&lt;version&gt;</c>, sent with every webhook and Slack request.</summary>
    public static string UserAgent { get; } = "Outlay/" + Version();

    public Task<DeliveryOutcome> SendAsync(AlertChannelKind kind, AlertChannelConfig config, AlertNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(notice);
        return kind switch
        {
            AlertChannelKind.Webhook => webhooks.SendAsync(config, notice, cancellationToken),
            AlertChannelKind.Slack => slack.SendAsync(config, notice, cancellationToken),
            AlertChannelKind.Email => email.SendAsync(config, notice, cancellationToken),
            _ => Task.FromResult(DeliveryOutcome.Permanent($"unknown channel kind {(int)kind}")),
        };
    }

    public void Dispose() => client.Dispose();

    private static string Version()
    {
        var informational = typeof(AlertChannelSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
