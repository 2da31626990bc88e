using System.Text.Json.Nodes;
using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>Notices and senders for the delivery tests.</summary>
internal static class TestNotices
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public static AlertNotice Budget(string title = "Budget prod-openai reached 80%", string summary = "Spent $80.00 of $100.00 this month.", Uri? link = null) =>
        new(
            "ntc_" + Guid.NewGuid().ToString("N"),
            "budget.threshold",
            "prj_test",
            title,
            summary,
            Now,
            new JsonObject { ["budget_id"] = "bud_1", ["threshold_percent"] = 80, ["spent_usd"] = "80.00" },
            link);

    public static AlertChannelSender Sender(
        Action<OutlayServerOptions>? configure = null,
        FakeHostResolver? resolver = null,
        RecordingConnector? connector = null,
        TimeProvider? clock = null,
        System.Net.Security.RemoteCertificateValidationCallback? smtpCertificateValidation = null)
    {
        var options = new OutlayServerOptions { Clock = clock ?? new FixedClock(DateTimeOffset.UtcNow) };
        configure?.Invoke(options);
        return new AlertChannelSender(options, resolver, connector is null ? null : connector.ConnectAsync, smtpCertificateValidation);
    }

    public static Task<DeliveryOutcome> SendWebhookAsync(this AlertChannelSender sender, Uri url, AlertNotice? notice = null, string secret = "whsec_test-secret") =>
        sender.SendAsync(AlertChannelKind.Webhook, new AlertChannelConfig(url, secret, []), notice ?? Budget(), TestContext.Current.CancellationToken);
}
