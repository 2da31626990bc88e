using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Server.Alerts;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Secrets;
using Outlay.Server.Tests.Alerts.Delivery;
using Outlay.Server.Tests.Findings;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// Findings reach the alert channels: the server's own workers send a new warning or critical finding to a signed
/// webhook and an email explaining what, where and expected against observed, once; a later occurrence, a snoozed
/// subject and an info finding queue nothing.
/// </summary>
public sealed class FindingDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_new_finding_reaches_a_signed_webhook_and_an_email_once_and_repeats_snoozes_and_info_send_nothing()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var smtp = new SmtpSink();
        await using var e2e = await EndToEndServer.StartAsync(o =>
        {
            o.AlertTargetAllowList.Add("127.0.0.0/8");
            o.Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, From = "outlay@example.net" };
            o.PublicUrl = new Uri("https://outlay.example.com/dash");
        });
        var ct = TestContext.Current.CancellationToken;
        var store = e2e.Server.App.Store;
        var secret = (await e2e.AddChannelAsync(new { name = "Ops hook", kind = "webhook", url = webhook.Url("/hooks/outlay").AbsoluteUri }))
            .GetProperty("signing_secret").GetString()!;
        await e2e.AddChannelAsync(new { name = "Ops mail", kind = "email", recipients = new[] { "ops@example.com" } });
        var now = DateTimeOffset.UtcNow;

        var first = await store.RecordFindingAsync(Untracked(e2e.ProjectId, "key_9", now.AddMinutes(-5)), ct);
        await EndToEndServer.WaitUntilAsync("the finding at the webhook and the SMTP sink", () => Task.FromResult(webhook.Requests.Count == 1 && smtp.RawMessages.Count == 1));

        // Nothing of these is queued: another occurrence, a finding on a snoozed subject, an info finding.
        var again = await store.RecordFindingAsync(Untracked(e2e.ProjectId, "key_9", now.AddMinutes(-4)), ct);
        var spike = await store.RecordFindingAsync(FindingSeed.Spike(e2e.ProjectId, now.AddHours(-2)), ct);
        await store.SnoozeFindingAsync(e2e.ProjectId, spike.Finding.Id, now.AddDays(1), ct);
        var snoozed = await store.RecordFindingAsync(FindingSeed.Spike(e2e.ProjectId, now.AddHours(-1)), ct);
        var info = await store.RecordFindingAsync(FindingSeed.Spike(e2e.ProjectId, now.AddHours(-1), label: "batch-jobs", severity: FindingSeverity.Info), ct);

        // A later finding is a marker: once it has arrived, anything queued before it would have been sent too.
        var marker = await store.RecordFindingAsync(Untracked(e2e.ProjectId, "key_10", now.AddMinutes(-3)), ct);
        await EndToEndServer.WaitUntilAsync("the marker finding at the webhook and the SMTP sink", () => Task.FromResult(webhook.Requests.Count >= 3 && smtp.RawMessages.Count >= 3));

        Assert.True(first.Notified);
        Assert.False(again.Notified);
        Assert.Equal(2, again.Finding.Occurrences);
        Assert.False(snoozed.Notified);
        Assert.True(snoozed.Created);
        Assert.False(info.Notified);
        var requests = webhook.Requests.ToArray();
        var findingIds = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("finding_id").GetGuid()).ToList();
        Assert.Equal(new[] { first.Finding.Id, spike.Finding.Id, marker.Finding.Id }.Order(), findingIds.Order());
        var deliveries = await store.ListAlertDeliveriesAsync(e2e.ProjectId, 100, ct);
        Assert.Equal(
            new[] { first.Finding.Id, spike.Finding.Id, marker.Finding.Id }.Order(),
            deliveries.Select(d => d.FindingId!.Value).Distinct().Order());
        Assert.Equal(6, deliveries.Count);

        var request = requests[findingIds.IndexOf(first.Finding.Id)];
        Assert.Contains(request.Header("Outlay-Event-Id"), deliveries.Where(d => d.FindingId == first.Finding.Id).Select(d => "dlv_" + d.Id));
        Assert.True(WebhookSignatureVerifier.Verify(request.Header("Outlay-Signature"), request.Body, secret, DateTimeOffset.UtcNow), "signature valid");
        Assert.Equal("finding.untracked_usage", request.Header("Outlay-Event"));
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("finding.untracked_usage", root.GetProperty("event").GetString());
        Assert.Equal("Outlay critical finding: OpenAI reports usage on key_9 that no tracked event explains", root.GetProperty("title").GetString());
        Assert.Equal(
            "OpenAI reports usage on key_9 that no tracked event explains. Where: provider openai · label openai-prod · model gpt-4o. "
            + "Expected 0 tokens tracked; observed 3,000,000 tokens reported. Check for a leaked key.",
            root.GetProperty("summary").GetString());
        Assert.Equal($"https://outlay.example.com/dash/security#finding-{first.Finding.Id}", root.GetProperty("link").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(first.Finding.Id, data.GetProperty("finding_id").GetGuid());
        Assert.Equal("untracked_usage", data.GetProperty("kind").GetString());
        Assert.Equal("critical", data.GetProperty("severity").GetString());
        Assert.Equal("open", data.GetProperty("status").GetString());
        Assert.Equal("openai-prod", data.GetProperty("place").GetProperty("key_label").GetString());
        Assert.Equal("openai", data.GetProperty("place").GetProperty("provider").GetString());
        Assert.Equal("0 tokens tracked", data.GetProperty("expected").GetString());
        Assert.Equal("3,000,000 tokens reported", data.GetProperty("observed").GetString());
        Assert.Equal(1, data.GetProperty("occurrences").GetInt32());

        var mail = smtp.RawMessages.Select(Decode).ToArray();
        Assert.Equal(3, mail.Length);
        var firstMail = mail.Single(m => m.Contains("on key_9 ", StringComparison.Ordinal));
        Assert.Contains("X-Outlay-Event: finding.untracked_usage", firstMail, StringComparison.Ordinal);
        Assert.Contains("Expected 0 tokens tracked; observed 3,000,000 tokens reported.", firstMail, StringComparison.Ordinal);
        Assert.Contains($"Link: https://outlay.example.com/dash/security#finding-{first.Finding.Id}", firstMail, StringComparison.Ordinal);
        Assert.Equal(3, smtp.Commands.Count(c => c.Line == "RCPT TO:<ops@example.com>"));
    }

    [Fact]
    public async Task The_worker_turns_a_claimed_finding_into_a_notice_and_fails_one_whose_finding_is_gone()
    {
        var clock = new ManualClock(Start);
        await using var server = await RunningServer.StartAsync(o =>
        {
            o.Clock = clock;
            o.AlertDeliveryInterval = TimeSpan.FromHours(1);
            o.BudgetAlertInterval = TimeSpan.FromHours(1);
        });
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Slack", kind = "slack", url = "https://hooks.slack.com/services/T/B/x" }), HttpStatusCode.Created);
        var recorded = await server.App.Store.RecordFindingAsync(FindingSeed.Spike(project, Start.AddHours(-1)), ct);
        var sender = new RecordingSender();

        var done = await Worker(server, sender).RunOnceAsync(clock.GetUtcNow(), ct);

        var (_, _, notice) = Assert.Single(sender.Sent);
        Assert.Single(done);
        Assert.Equal("finding.spend_spike", notice.Event);
        Assert.Equal(project, notice.ProjectId);
        Assert.Equal(recorded.Finding.FirstSeen, notice.OccurredAt);
        Assert.Null(notice.Link);
        Assert.Contains("Where: label openai-prod · service checkout · environment prod.", notice.Summary, StringComparison.Ordinal);
        Assert.Contains("Expected $1.20/h (median of 4 same hours of week); observed $9.85/h.", notice.Summary, StringComparison.Ordinal);
        Assert.Equal("warning", (string?)notice.Data["severity"]);
        Assert.Equal("label openai-prod · service checkout · environment prod", (string?)notice.Data["where"]);
        Assert.Empty(await Worker(server, sender).RunOnceAsync(clock.GetUtcNow().AddHours(1), ct));
    }

    [Fact]
    public void A_summary_with_line_breaks_makes_a_one_line_title()
    {
        var finding = new Finding(
            Guid.NewGuid(), "p", FindingKinds.NewInstance, FindingSeverity.Warning, "f", "s", "Label x seen on\r\nBcc: evil@example.com", "", new FindingPlace(KeyLabel: "x"),
            null, null, null, Start, Start, 1, FindingStatus.Open, null, null, null, true);

        var notice = AlertNotices.ForFinding(7, finding, null);

        Assert.DoesNotContain('\n', notice.Title);
        Assert.DoesNotContain('\r', notice.Title);
        Assert.Equal("dlv_7", notice.Id);
        Assert.Equal("finding.new_instance", notice.Event);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(notice.Data.ToJsonString()).RootElement.GetProperty("expected").ValueKind);
    }

    [Fact]
    public void Slack_text_carries_what_where_expected_observed_and_the_link()
    {
        var finding = new Finding(
            Guid.NewGuid(), "p", FindingKinds.RunawayLoop, FindingSeverity.Critical, "f", "s", "Calls from pod-3 / summarize at 40x their usual rate", "",
            new FindingPlace(Instance: "pod-3", Feature: "summarize"), "120 calls/h", "4,800 calls/h", null, Start, Start, 1, FindingStatus.Open, null, null, null, true);
        var link = new Uri($"https://outlay.example.com/security#finding-{finding.Id}");

        using var slack = JsonDocument.Parse(Outlay.Server.Alerts.Delivery.Slack.SlackPayload.Serialize(AlertNotices.ForFinding(1, finding, link)));

        var text = slack.RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith("Outlay critical finding: Calls from pod-3 / summarize at 40x their usual rate:", text, StringComparison.Ordinal);
        Assert.Contains("Where: instance pod-3 · feature summarize.", text, StringComparison.Ordinal);
        Assert.Contains("Expected 120 calls/h; observed 4,800 calls/h.", text, StringComparison.Ordinal);
        var button = slack.RootElement.GetProperty("blocks").EnumerateArray().Last().GetProperty("elements")[0];
        Assert.Equal(link.AbsoluteUri, button.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_relative_public_url_is_refused_at_startup()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => RunningServer.StartAsync(o => o.PublicUrl = new Uri("/dash", UriKind.Relative)));

        Assert.Equal("PublicUrl", e.ParamName);
    }

    private static FindingObservation Untracked(string project, string providerKey, DateTimeOffset at) => new(
        project,
        FindingKinds.UntrackedUsage,
        FindingSeverity.Critical,
        $"untracked_usage|openai|{providerKey}|2026-11-23",
        $"openai|{providerKey}",
        $"OpenAI reports usage on {providerKey} that no tracked event explains",
        "Check for a leaked key.",
        new FindingPlace(KeyLabel: "openai-prod", Model: "gpt-4o", Provider: "openai"),
        "0 tokens tracked",
        "3,000,000 tokens reported",
        null,
        at);

    private static AlertDeliveryWorker Worker(RunningServer server, IAlertChannelSender sender)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(server.Logs));
        return new AlertDeliveryWorker(server.App.Store, sender, ChannelSecretBox.FromOptions(server.Options), server.Options, loggers.CreateLogger<AlertDeliveryWorker>());
    }

    /// <summary>The message with its quoted-printable body decoded (headers are ASCII here).</summary>
    private static string Decode(string raw)
    {
        var joined = Regex.Replace(raw, @"(^|\r\n)\.", "$1").Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)joined[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
