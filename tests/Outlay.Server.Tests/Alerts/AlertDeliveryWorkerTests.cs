using System.Net;
using Microsoft.Extensions.Logging;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Keys;
using Outlay.Server.Alerts;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Secrets;
using Outlay.Server.Tests.Support;
using Outlay.Storage.Sqlite;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// The delivery worker on a real server's store, driven at instants of a manual clock through a recording sender:
/// it delivers what the alert worker queued, retries on the back-off schedule, gives up, fails deliveries of a deleted
/// channel, and two workers on one store (two processes) send each delivery once.
/// </summary>
public sealed class AlertDeliveryWorkerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_fired_alert_is_delivered_with_its_facts_and_the_history_shows_it()
    {
        var clock = new ManualClock(Start);
        await using var server = await StartAsync(clock);
        var ct = TestContext.Current.CancellationToken;
        var (project, admin) = await ProjectAsync(server);
        var created = await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Hook", kind = "webhook", url = "https://alerts.example.com/hook" }), HttpStatusCode.Created);
        var secret = created.GetProperty("signing_secret").GetString();
        await server.App.Store.AddBudgetAsync(BudgetParser.Parse(new BudgetDraft("prod monthly", "10", "month", "Europe/Berlin", null, null, null), "bud_1", project, Start.AddDays(-30)), ct);
        await server.App.Store.TryRecordBudgetAlertAsync(Alert(project, 80), ct);
        var sender = new RecordingSender();

        var done = await Worker(server, sender).RunOnceAsync(clock.GetUtcNow(), ct);
        var history = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts", admin), HttpStatusCode.OK);
        var channels = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alert-channels", admin), HttpStatusCode.OK);

        var (kind, config, notice) = Assert.Single(sender.Sent);
        Assert.Equal(AlertChannelKind.Webhook, kind);
        Assert.Equal(new Uri("https://alerts.example.com/hook"), config.Url);
        Assert.Equal(secret, config.SigningSecret);
        Assert.Equal("budget.threshold", notice.Event);
        Assert.Equal("Budget 'prod monthly' reached 80%", notice.Title);
        Assert.Equal("$8.13 of $10.00 spent (81.25%) in the month starting 2026-11-01 00:00 (Europe/Berlin).", notice.Summary);
        Assert.Equal("bud_1", (string?)notice.Data["budget_id"]);
        Assert.Equal(8.125m, (decimal?)notice.Data["spent_usd"]);
        Assert.Equal(10m, (decimal?)notice.Data["amount_usd"]);
        Assert.Equal(81.25m, (decimal?)notice.Data["percent"]);
        Assert.Equal("2026-11-01T00:00:00+01:00", (string?)notice.Data["period_start"]);
        Assert.Equal(AlertDeliveryState.Delivered, Assert.Single(done).Completion.State);
        var delivery = Assert.Single(Assert.Single(history.GetProperty("alerts").EnumerateArray()).GetProperty("deliveries").EnumerateArray());
        Assert.Equal("delivered", delivery.GetProperty("state").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("ok", Assert.Single(channels.GetProperty("channels").EnumerateArray()).GetProperty("health").GetProperty("status").GetString());
        Assert.DoesNotContain("alerts.example.com", server.Logs.AllText, StringComparison.Ordinal);
        Assert.Empty(await Worker(server, sender).RunOnceAsync(clock.GetUtcNow().AddHours(1), ct));
    }

    [Fact]
    public async Task A_failing_target_is_retried_on_the_back_off_schedule_then_given_up_and_the_channel_shows_failing()
    {
        var clock = new ManualClock(Start);
        await using var server = await StartAsync(clock);
        var ct = TestContext.Current.CancellationToken;
        var (project, admin) = await ProjectAsync(server);
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Slack", kind = "slack", url = "https://hooks.slack.com/services/T/B/x" }), HttpStatusCode.Created);
        await server.App.Store.TryRecordBudgetAlertAsync(Alert(project, 50), ct);
        var sender = new RecordingSender(_ => DeliveryOutcome.Retry("HTTP 503"));
        var worker = Worker(server, sender);

        var attemptsAt = new List<TimeSpan>();
        AlertDeliveryCompletion? last = null;
        for (var step = 0; step < 24 * 60 * 2 && last?.State != AlertDeliveryState.Failed; step++)
        {
            foreach (var (_, completion) in await worker.RunOnceAsync(clock.GetUtcNow(), ct))
            {
                attemptsAt.Add(clock.GetUtcNow() - Start);
                last = completion;
            }

            clock.Advance(TimeSpan.FromSeconds(30));
        }

        var channel = Assert.Single((await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alert-channels", admin), HttpStatusCode.OK)).GetProperty("channels").EnumerateArray());
        var stored = Assert.Single(await server.App.Store.ListAlertDeliveriesAsync(project, 10, ct));

        // Waits of 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h between the 8 attempts.
        Assert.Equal(
            new[] { 0, 30, 150, 750, 2550, 6150, 13350, 27750 }.Select(s => TimeSpan.FromSeconds(s)),
            attemptsAt);
        Assert.Equal(8, sender.Sent.Count);
        Assert.Equal(AlertDeliveryState.Failed, stored.State);
        Assert.Equal("gave up after 8 attempts: HTTP 503", stored.LastDetail);
        Assert.Equal("failing", channel.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal(Start, channel.GetProperty("health").GetProperty("failing_since").GetDateTimeOffset());
        Assert.Contains(server.Logs.Lines, l => l.Contains("failed for good after 8 attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_fails_at_once_and_a_deleted_channels_delivery_fails_as_channel_deleted()
    {
        var clock = new ManualClock(Start);
        await using var server = await StartAsync(clock);
        var ct = TestContext.Current.CancellationToken;
        var (project, admin) = await ProjectAsync(server);
        var kept = await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Kept", kind = "email", recipients = new[] { "ops@example.com" } }), HttpStatusCode.Created);
        var gone = await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Gone", kind = "email", recipients = new[] { "x@example.com" } }), HttpStatusCode.Created);
        await server.App.Store.TryRecordBudgetAlertAsync(Alert(project, 50), ct);
        var goneId = gone.GetProperty("channel").GetProperty("id").GetString()!;
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/alert-channels/{goneId}", admin), HttpStatusCode.NoContent);
        var sender = new RecordingSender(_ => DeliveryOutcome.Permanent("SMTP not configured"));

        var done = await Worker(server, sender).RunOnceAsync(clock.GetUtcNow(), ct);

        Assert.Equal(["ops@example.com"], Assert.Single(sender.Sent).Config.Recipients);
        var byChannel = done.ToDictionary(d => d.Delivery.ChannelId, d => d.Completion);
        Assert.Equal(AlertDeliveryState.Failed, byChannel[goneId].State);
        Assert.Equal("channel deleted", byChannel[goneId].Detail);
        Assert.Equal("SMTP not configured", byChannel[kept.GetProperty("channel").GetProperty("id").GetString()!].Detail);
        Assert.All(await server.App.Store.ListAlertDeliveriesAsync(project, 10, ct), d => Assert.Equal(AlertDeliveryState.Failed, d.State));
    }

    [Fact]
    public async Task A_queued_test_notice_is_sent_at_the_clock_time_it_was_asked_for()
    {
        var clock = new ManualClock(Start);
        await using var server = await StartAsync(clock);
        var ct = TestContext.Current.CancellationToken;
        var (_, admin) = await ProjectAsync(server);
        var created = await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Hook", kind = "webhook", url = "https://alerts.example.com/hook" }), HttpStatusCode.Created);
        var id = created.GetProperty("channel").GetProperty("id").GetString()!;
        clock.Advance(TimeSpan.FromMinutes(5));
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, $"/api/v1/alert-channels/{id}/test", admin), HttpStatusCode.Accepted);
        var sender = new RecordingSender();

        Assert.Empty(await Worker(server, sender).RunOnceAsync(Start, ct));
        await Worker(server, sender).RunOnceAsync(clock.GetUtcNow(), ct);

        var notice = Assert.Single(sender.Sent).Notice;
        Assert.Equal("channel.test", notice.Event);
        Assert.Equal(Start.AddMinutes(5), notice.OccurredAt);
        Assert.Contains("Hook", notice.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_workers_on_two_stores_over_one_file_deliver_each_notice_once()
    {
        var clock = new ManualClock(Start);
        await using var server = await StartAsync(clock);
        var ct = TestContext.Current.CancellationToken;
        var (project, admin) = await ProjectAsync(server);
        for (var i = 0; i < 5; i++)
        {
            await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = $"c{i}", kind = "webhook", url = $"https://alerts.example.com/h{i}" }), HttpStatusCode.Created);
        }

        for (var threshold = 1; threshold <= 30; threshold++)
        {
            await server.App.Store.TryRecordBudgetAlertAsync(Alert(project, threshold), ct);
        }

        await using var otherProcess = SqliteOutlayStore.Open(server.Options.StorePath);
        await otherProcess.InitializeAsync(ct);
        var sender = new RecordingSender();
        var workers = new[] { Worker(server, sender), Worker(server, sender, otherProcess), Worker(server, sender), Worker(server, sender, otherProcess) };

        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunOnceAsync(clock.GetUtcNow(), ct), ct)));

        Assert.Equal(150, sender.Sent.Count);
        Assert.Equal(150, sender.Sent.Select(s => s.Notice.Id).Distinct().Count());
        Assert.All(await server.App.Store.ListAlertDeliveriesAsync(project, 1000, ct), d =>
        {
            Assert.Equal(AlertDeliveryState.Delivered, d.State);
            Assert.Equal(1, d.Attempts);
        });
    }

    [Fact]
    public async Task A_key_file_others_can_read_holds_deliveries_back_until_its_owner_fixes_it_without_a_restart()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only.");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var clock = new ManualClock(Start);
        await using var server = await StartAsync(clock);
        var ct = TestContext.Current.CancellationToken;
        var (project, admin) = await ProjectAsync(server);
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Hook", kind = "webhook", url = "https://alerts.example.com/hook" }), HttpStatusCode.Created);
        await server.App.Store.TryRecordBudgetAlertAsync(Alert(project, 50), ct);
        var keyPath = server.Options.StorePath + ".key";
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var sender = new RecordingSender();
        var worker = Worker(server, sender);

        var held = Assert.Single(await worker.RunOnceAsync(clock.GetUtcNow(), ct)).Completion;
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var sent = Assert.Single(await worker.RunOnceAsync(clock.GetUtcNow().AddSeconds(30), ct)).Completion;

        Assert.Equal(AlertDeliveryState.Pending, held.State);
        Assert.StartsWith("secret key unavailable", held.Detail, StringComparison.Ordinal);
        Assert.Equal(AlertDeliveryState.Delivered, sent.State);
        Assert.Single(sender.Sent);
    }

    private static Task<RunningServer> StartAsync(ManualClock clock) =>
        RunningServer.StartAsync(o =>
        {
            o.Clock = clock;

            // The hosted worker runs once at start (nothing is due) and not again during the test; the test drives its own.
            o.AlertDeliveryInterval = TimeSpan.FromHours(1);
            o.BudgetAlertInterval = TimeSpan.FromHours(1);
        });

    private static async Task<(string Project, string Admin)> ProjectAsync(RunningServer server)
    {
        var project = await server.CreateProjectAsync("shop");
        return (project, await server.CreateKeyAsync(project, ApiKeyKind.Admin));
    }

    private static AlertDeliveryWorker Worker(RunningServer server, IAlertChannelSender sender, Outlay.Core.Storage.IOutlayStore? store = null)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(server.Logs));
        return new AlertDeliveryWorker(store ?? server.App.Store, sender, ChannelSecretBox.FromOptions(server.Options), server.Options, loggers.CreateLogger<AlertDeliveryWorker>());
    }

    private static BudgetAlert Alert(string project, int threshold) =>
        new(project, "bud_1", "prod monthly", new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), BudgetAlertKind.Threshold, threshold, Start, 8_125_000_000, 10_000_000_000, "81.25");
}
