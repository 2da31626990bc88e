using System.Text.Json;
using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>Slack incoming-webhook messages against a real local receiver.</summary>
public sealed class SlackDeliveryTests
{
    [Fact]
    public async Task The_message_has_text_header_section_context_and_a_button_with_markup_escaped()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));
        var notice = TestNotices.Budget(
            title: "Budget <R&D> at 80%",
            summary: "Spent <!channel> & more > limit",
            link: new Uri("https://outlay.example/budgets/bud_1"));

        var outcome = await sender.SendAsync(AlertChannelKind.Slack, new AlertChannelConfig(receiver.Url("/services/T0/B0/xyz"), null, []), notice, TestContext.Current.CancellationToken);

        Assert.Equal(DeliveryOutcome.Success("HTTP 200: ok"), outcome);
        var request = Assert.Single(receiver.Requests);
        Assert.Null(request.Header("Outlay-Signature"));
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("Budget &lt;R&amp;D&gt; at 80%: Spent &lt;!channel&gt; &amp; more &gt; limit", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal(["header", "section", "context", "actions"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Budget <R&D> at 80%", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Spent &lt;!channel&gt; &amp; more &gt; limit", blocks[1].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("Project prj_test · 2026-03-14 09:30 UTC", blocks[2].GetProperty("elements")[0].GetProperty("text").GetString());
        var button = blocks[3].GetProperty("elements")[0];
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("https://outlay.example/budgets/bud_1", button.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Without_a_link_there_is_no_button_and_a_long_title_is_cut_to_slacks_limit()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));
        var notice = TestNotices.Budget(title: new string('t', 400));

        var outcome = await sender.SendAsync(AlertChannelKind.Slack, new AlertChannelConfig(receiver.Url("/slack"), null, []), notice, TestContext.Current.CancellationToken);

        Assert.True(outcome.Delivered);
        using var body = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        var blocks = body.RootElement.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal(["header", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal(150, blocks[0].GetProperty("text").GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public async Task Slack_error_texts_are_permanent_and_a_5xx_is_retryable()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));
        var config = new AlertChannelConfig(receiver.Url("/slack"), null, []);
        var ct = TestContext.Current.CancellationToken;

        receiver.Answer = _ => new ReceiverAnswer(403, "invalid_token");
        Assert.Equal(DeliveryOutcome.Permanent("HTTP 403: invalid_token"), await sender.SendAsync(AlertChannelKind.Slack, config, TestNotices.Budget(), ct));
        receiver.Answer = _ => new ReceiverAnswer(404, "channel_not_found");
        Assert.Equal(DeliveryOutcome.Permanent("HTTP 404: channel_not_found"), await sender.SendAsync(AlertChannelKind.Slack, config, TestNotices.Budget(), ct));
        receiver.Answer = _ => new ReceiverAnswer(503, "");
        Assert.Equal(DeliveryOutcome.Retry("HTTP 503"), await sender.SendAsync(AlertChannelKind.Slack, config, TestNotices.Budget(), ct));
    }

    [Fact]
    public async Task Slack_targets_pass_the_same_address_guard()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = TestNotices.Sender();

        var outcome = await sender.SendAsync(AlertChannelKind.Slack, new AlertChannelConfig(receiver.Url("/slack"), null, []), TestNotices.Budget(), TestContext.Current.CancellationToken);

        Assert.Equal(DeliveryOutcome.Permanent("refused: loopback address 127.0.0.1"), outcome);
        Assert.Empty(receiver.Requests);
    }
}
