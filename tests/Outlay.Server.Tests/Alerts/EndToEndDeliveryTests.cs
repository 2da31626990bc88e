using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Alerts.Delivery;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// Alert delivery end to end through a running server and its own background workers, with no recording fake: channels
/// and a budget through the API, spend through <c>POST /v1/events</c>, and real local receivers (a Kestrel webhook
/// receiver checking signatures with the README recipe, a Slack-shaped receiver, an SMTP sink) seeing the notices.
/// </summary>
public sealed class EndToEndDeliveryTests
{
    private const string BudgetName = "E2E monthly";
    private const string MonthlyBudget = "{\"name\":\"" + BudgetName + "\",\"amount\":1,\"period\":\"month\",\"time_zone\":\"UTC\"}";
    private static readonly int[] Thresholds = [50, 80, 100];

    [Fact]
    public async Task Each_threshold_reaches_a_signed_webhook_slack_and_email_exactly_once_and_every_delivery_is_recorded_delivered()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var slack = await WebhookReceiver.StartAsync();
        await using var smtp = new SmtpSink();
        await using var e2e = await EndToEndServer.StartAsync(o =>
        {
            o.AlertTargetAllowList.Add("127.0.0.0/8");
            o.Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, From = "outlay@example.net" };
        });
        var created = await e2e.AddChannelAsync(new { name = "Ops hook", kind = "webhook", url = webhook.Url("/hooks/outlay").AbsoluteUri });
        var secret = created.GetProperty("signing_secret").GetString()!;
        var webhookId = created.GetProperty("channel").GetProperty("id").GetString()!;
        var slackId = await e2e.AddPlainHttpSlackChannelAsync(slack.Url("/services/T0/B0/local"));
        var emailId = (await e2e.AddChannelAsync(new { name = "Ops mail", kind = "email", recipients = new[] { "ops@example.com" } }))
            .GetProperty("channel").GetProperty("id").GetString()!;
        await e2e.AddBudgetAsync(MonthlyBudget);

        // $0.90 of $1 reaches 50% and 80%; every channel gets both before the next $0.30 reaches 100%.
        await e2e.IngestAsync(0.90m);
        await EndToEndServer.WaitUntilAsync("50% and 80% at all three channels", () => Task.FromResult(
            HasThresholds(WebhookThresholds(webhook), 50, 80) && HasThresholds(SlackThresholds(slack), 50, 80) && HasThresholds(EmailThresholds(smtp), 50, 80)));
        Assert.DoesNotContain(100, WebhookThresholds(webhook));
        await e2e.IngestAsync(0.30m);

        // Done when the API records every delivery of every alert delivered (a receiver has a notice before its delivery is).
        List<(string Kind, int Threshold, JsonElement Delivery)> deliveries = [];
        await EndToEndServer.WaitUntilAsync("every alert delivered to every channel", async () =>
        {
            deliveries = await e2e.DeliveriesAsync();
            var thresholds = deliveries.Where(d => d.Kind == "threshold").Select(d => d.Threshold).Distinct().Order();
            return thresholds.SequenceEqual(Thresholds)
                && deliveries.All(d => d.Delivery.GetProperty("state").GetString() == "delivered");
        });

        var alerts = await e2e.AlertsAsync();
        Assert.All(alerts, a => Assert.Equal(
            new[] { emailId, slackId, webhookId }.Order(StringComparer.Ordinal),
            a.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("channel_id").GetString()!).Order(StringComparer.Ordinal)));
        Assert.All(alerts, a => Assert.Equal(BudgetName, a.GetProperty("budget_name").GetString()));
        Assert.Equal(Thresholds, alerts.Where(a => a.GetProperty("kind").GetString() == "threshold").Select(a => a.GetProperty("threshold").GetInt32()).Order());

        // Webhook: one request per alert, each signed with the secret from the create answer, its event id the
        // recorded delivery's, stable between header and body, and naming the budget.
        var webhookDeliveries = deliveries.Where(d => d.Delivery.GetProperty("channel_id").GetString() == webhookId).ToList();
        var requests = webhook.Requests.ToArray();
        Assert.Equal(alerts.Count, requests.Length);
        Assert.Equal(
            webhookDeliveries.Select(d => "dlv_" + d.Delivery.GetProperty("id").GetInt64()).Order(StringComparer.Ordinal),
            requests.Select(r => r.Header("Outlay-Event-Id")!).Order(StringComparer.Ordinal));
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/hooks/outlay", request.Path);
            Assert.True(WebhookSignatureVerifier.Verify(request.Header("Outlay-Signature"), request.Body, secret, DateTimeOffset.UtcNow), "signature valid with the create answer's secret");
            Assert.False(WebhookSignatureVerifier.Verify(request.Header("Outlay-Signature"), request.Body, secret + "x", DateTimeOffset.UtcNow));
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(request.Header("Outlay-Event-Id"), body.RootElement.GetProperty("id").GetString());
            Assert.Equal(request.Header("Outlay-Event"), body.RootElement.GetProperty("event").GetString());
            Assert.Equal(e2e.ProjectId, body.RootElement.GetProperty("project_id").GetString());
            Assert.Equal(BudgetName, body.RootElement.GetProperty("data").GetProperty("budget_name").GetString());
            Assert.Contains(BudgetName, body.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(Thresholds, WebhookThresholds(webhook).Order());
        var hundred = requests.Single(r => ThresholdOf(r) == 100);
        using (var hundredBody = JsonDocument.Parse(hundred.Body))
        {
            Assert.Equal(1.2m, hundredBody.RootElement.GetProperty("data").GetProperty("spent_usd").GetDecimal());
            Assert.Equal(1m, hundredBody.RootElement.GetProperty("data").GetProperty("amount_usd").GetDecimal());
        }

        // Slack: the incoming-webhook shape, text plus header, section and context blocks, once per alert.
        var slackRequests = slack.Requests.ToArray();
        Assert.Equal(alerts.Count, slackRequests.Length);
        Assert.Equal(Thresholds, SlackThresholds(slack).Order());
        foreach (var request in slackRequests)
        {
            Assert.Equal("/services/T0/B0/local", request.Path);
            Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
            Assert.Null(request.Header("Outlay-Signature"));
            using var body = JsonDocument.Parse(request.Body);
            var blocks = body.RootElement.GetProperty("blocks").EnumerateArray().ToList();
            Assert.Equal(["header", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
            Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
            Assert.Contains(BudgetName, blocks[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.StartsWith(blocks[0].GetProperty("text").GetProperty("text").GetString()!, body.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        // Email: one message per alert to the channel's recipient, the subject naming the budget and threshold.
        Assert.Equal(alerts.Count, smtp.RawMessages.Count);
        Assert.Equal(Thresholds, EmailThresholds(smtp).Order());
        Assert.Contains($"Budget '{BudgetName}' reached 100%", smtp.RawMessages.Select(Subject));
        Assert.Equal(alerts.Count, smtp.Commands.Count(c => c.Line == "RCPT TO:<ops@example.com>"));

        var channels = await e2e.ChannelsAsync();
        Assert.Equal(3, channels.Count);
        Assert.All(channels, c => Assert.Equal("ok", c.GetProperty("health").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_webhook_answering_503_is_recorded_retrying_and_the_channel_shows_failing_in_the_api_and_on_the_dashboard()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Answer = _ => new ReceiverAnswer(503);
        await using var e2e = await EndToEndServer.StartAsync(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));
        var id = (await e2e.AddChannelAsync(new { name = "Flaky hook", kind = "webhook", url = webhook.Url("/in").AbsoluteUri }))
            .GetProperty("channel").GetProperty("id").GetString()!;
        await e2e.AddBudgetAsync(MonthlyBudget);

        await e2e.IngestAsync(0.60m);
        JsonElement attempted = default;
        await EndToEndServer.WaitUntilAsync("a 503 recorded on the 50% delivery", async () =>
        {
            var fifty = (await e2e.DeliveriesAsync()).Where(d => d.Kind == "threshold" && d.Threshold == 50).ToList();
            attempted = fifty.Select(d => d.Delivery).FirstOrDefault();
            // A claimed delivery counts its attempt at once; the outcome is recorded when the send returns.
            return fifty.Count == 1 && attempted.GetProperty("last_detail").ValueKind == JsonValueKind.String;
        });

        Assert.NotEmpty(webhook.Requests);
        Assert.Equal("pending", attempted.GetProperty("state").GetString());
        Assert.Equal("HTTP 503", attempted.GetProperty("last_detail").GetString());
        Assert.Equal(1, attempted.GetProperty("attempts").GetInt32());
        Assert.True(attempted.GetProperty("next_attempt_at").GetDateTimeOffset() > attempted.GetProperty("last_attempt_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, attempted.GetProperty("delivered_at").ValueKind);
        var health = Assert.Single(await e2e.ChannelsAsync()).GetProperty("health");
        Assert.Equal("failing", health.GetProperty("status").GetString());
        Assert.Equal("HTTP 503", health.GetProperty("last_detail").GetString());

        using var browser = new DashboardBrowser(e2e.Server);
        await browser.SignInOrFailAsync(await e2e.Server.CreateKeyAsync(e2e.ProjectId, ApiKeyKind.Read));
        var html = WebUtility.HtmlDecode(await browser.GetHtmlAsync("/alerts"));
        var row = Regex.Match(html, "data-testid=\"channel-" + id + "\".*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "the channel's row is on the Alerts page");
        Assert.Contains(">failing<", row.Value, StringComparison.Ordinal);
        Assert.Contains(": HTTP 503", row.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_allow_list_a_loopback_webhook_is_refused_before_any_request_and_recorded_failed()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var e2e = await EndToEndServer.StartAsync(_ => { });
        var id = (await e2e.AddChannelAsync(new { name = "Inside hook", kind = "webhook", url = webhook.Url("/in").AbsoluteUri }))
            .GetProperty("channel").GetProperty("id").GetString()!;
        await e2e.AddBudgetAsync(MonthlyBudget);

        await e2e.IngestAsync(0.60m);
        JsonElement fifty = default;
        await EndToEndServer.WaitUntilAsync("the 50% delivery settled", async () =>
        {
            fifty = (await e2e.DeliveriesAsync()).Where(d => d.Kind == "threshold" && d.Threshold == 50).Select(d => d.Delivery).FirstOrDefault();
            return fifty.ValueKind == JsonValueKind.Object && fifty.GetProperty("state").GetString() != "pending";
        });

        Assert.Equal("failed", fifty.GetProperty("state").GetString());
        Assert.Equal(id, fifty.GetProperty("channel_id").GetString());
        Assert.StartsWith("refused: loopback", fifty.GetProperty("last_detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", fifty.GetProperty("last_detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(webhook.Requests);
        var health = Assert.Single(await e2e.ChannelsAsync()).GetProperty("health");
        Assert.Equal("failing", health.GetProperty("status").GetString());
    }

    private static bool HasThresholds(IEnumerable<int> seen, params int[] wanted) => wanted.All(seen.Contains);

    private static int? ThresholdOf(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("event").GetString() == "budget.threshold"
            ? body.RootElement.GetProperty("data").GetProperty("threshold").GetInt32()
            : null;
    }

    private static List<int> WebhookThresholds(WebhookReceiver receiver) =>
        receiver.Requests.Select(ThresholdOf).OfType<int>().ToList();

    private static List<int> SlackThresholds(WebhookReceiver receiver) =>
        receiver.Requests.Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            return ThresholdIn(body.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!);
        }).OfType<int>().ToList();

    private static List<int> EmailThresholds(SmtpSink sink) =>
        sink.RawMessages.Select(m => ThresholdIn(Subject(m))).OfType<int>().ToList();

    private static int? ThresholdIn(string title)
    {
        var match = Regex.Match(title, "^Budget '" + Regex.Escape(BudgetName) + "' reached (\\d+)%$");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static string Subject(string rawMessage) =>
        Regex.Match(rawMessage, "^Subject: (.*)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');
}
