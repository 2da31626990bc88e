using Outlay.Core.Alerts;

namespace Outlay.Storage.Conformance;

/// <summary>
/// Alert channels and deliveries: deliveries are queued with the alert in one transaction,
/// a claim is exclusive across two stores (processes) on one database, a lapsed lease is claimed again, and completing
/// records the outcome and the channel's health.
/// </summary>
public abstract class AlertDeliveryStoreTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_won_alert_queues_one_pending_delivery_per_channel_of_its_project_only()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        await TestChannels.AddAsync(temp, project, Now, "chn_a", "chn_b");
        await TestChannels.AddAsync(temp, other, Now, "chn_c");

        Assert.True(await temp.Store.TryRecordBudgetAlertAsync(Alert(project), ct));
        Assert.False(await temp.Store.TryRecordBudgetAlertAsync(Alert(project), ct));

        var deliveries = await temp.Store.ListAlertDeliveriesAsync(project, 100, ct);
        Assert.Equal(["chn_a", "chn_b"], deliveries.Select(d => d.ChannelId).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d =>
        {
            Assert.Equal(AlertDeliveryState.Pending, d.State);
            Assert.Equal(Alert(project).Key, d.Alert);
            Assert.Equal(0, d.Attempts);
            Assert.Equal(Now, d.NextAttemptAt);
        });
        Assert.Empty(await temp.Store.ListAlertDeliveriesAsync(other, 100, ct));
    }

    [Fact]
    public async Task Two_stores_on_one_database_claiming_at_once_never_lease_the_same_delivery()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        for (var i = 0; i < 20; i++)
        {
            await temp.Store.AddAlertChannelAsync(TestChannels.Of($"chn_{i:D2}", project, Now), ct);
        }

        for (var threshold = 1; threshold <= 10; threshold++)
        {
            await temp.Store.TryRecordBudgetAlertAsync(Alert(project) with { Threshold = threshold }, ct);
        }

        await using var otherProcess = await temp.OpenSecondStoreAsync();
        var stores = new[] { temp.Store, otherProcess, temp.Store, otherProcess };

        var claims = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => stores[i % stores.Length].ClaimAlertDeliveriesAsync(Now, Lease, 7, ct), ct)));

        var ids = claims.SelectMany(c => c).Select(c => c.Delivery.Id).ToList();
        Assert.Equal(200, ids.Count);
        Assert.Equal(200, ids.Distinct().Count());
        Assert.All(claims.SelectMany(c => c), c => Assert.Equal(1, c.Delivery.Attempts));
        Assert.Empty(await temp.Store.ClaimAlertDeliveriesAsync(Now, Lease, 100, ct));
    }

    [Fact]
    public async Task A_lapsed_lease_is_claimed_again_and_only_the_new_holder_can_complete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await TestChannels.AddAsync(temp, project, Now, "chn_a");
        await temp.Store.TryRecordBudgetAlertAsync(Alert(project), ct);

        var first = Assert.Single(await temp.Store.ClaimAlertDeliveriesAsync(Now, Lease, 10, ct));
        Assert.Empty(await temp.Store.ClaimAlertDeliveriesAsync(Now + Lease - TimeSpan.FromSeconds(1), Lease, 10, ct));
        var second = Assert.Single(await temp.Store.ClaimAlertDeliveriesAsync(Now + Lease, Lease, 10, ct));

        Assert.Equal(first.Delivery.Id, second.Delivery.Id);
        Assert.Equal(2, second.Delivery.Attempts);
        Assert.NotNull(second.Alert);
        Assert.Equal("Prod", second.Alert!.BudgetName);
        var delivered = new AlertDeliveryCompletion(AlertDeliveryState.Delivered, Now + Lease, "HTTP 200");
        Assert.False(await temp.Store.CompleteAlertDeliveryAsync(first.Delivery.Id, first.LeaseToken, delivered, ct));
        Assert.True(await temp.Store.CompleteAlertDeliveryAsync(second.Delivery.Id, second.LeaseToken, delivered, ct));
        Assert.False(await temp.Store.CompleteAlertDeliveryAsync(second.Delivery.Id, second.LeaseToken, delivered, ct));
        var stored = Assert.Single(await temp.Store.ListAlertDeliveriesAsync(project, 10, ct));
        Assert.Equal(AlertDeliveryState.Delivered, stored.State);
        Assert.Equal(Now + Lease, stored.DeliveredAt);
        Assert.Empty(await temp.Store.ClaimAlertDeliveriesAsync(Now.AddDays(1), Lease, 10, ct));
    }

    [Fact]
    public async Task A_retry_waits_for_its_time_and_the_channel_health_tracks_failing_since_until_a_success()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await TestChannels.AddAsync(temp, project, Now, "chn_a");
        Assert.Null(Assert.Single(await temp.Store.ListAlertChannelHealthAsync(project, ct)).LastAttemptAt);
        await temp.Store.TryRecordBudgetAlertAsync(Alert(project), ct);

        var claim = Assert.Single(await temp.Store.ClaimAlertDeliveriesAsync(Now, Lease, 10, ct));
        await temp.Store.CompleteAlertDeliveryAsync(claim.Delivery.Id, claim.LeaseToken, new(AlertDeliveryState.Pending, Now, "HTTP 503", Now.AddSeconds(30)), ct);
        Assert.Empty(await temp.Store.ClaimAlertDeliveriesAsync(Now.AddSeconds(29), Lease, 10, ct));
        claim = Assert.Single(await temp.Store.ClaimAlertDeliveriesAsync(Now.AddSeconds(30), Lease, 10, ct));
        await temp.Store.CompleteAlertDeliveryAsync(claim.Delivery.Id, claim.LeaseToken, new(AlertDeliveryState.Pending, Now.AddSeconds(31), "timeout", Now.AddMinutes(3)), ct);
        var failing = Assert.Single(await temp.Store.ListAlertChannelHealthAsync(project, ct));

        claim = Assert.Single(await temp.Store.ClaimAlertDeliveriesAsync(Now.AddMinutes(3), Lease, 10, ct));
        await temp.Store.CompleteAlertDeliveryAsync(claim.Delivery.Id, claim.LeaseToken, new(AlertDeliveryState.Delivered, Now.AddMinutes(3), "HTTP 204"), ct);
        var healthy = Assert.Single(await temp.Store.ListAlertChannelHealthAsync(project, ct));

        Assert.Equal(Now, failing.FailingSince);
        Assert.Equal("timeout", failing.LastDetail);
        Assert.False(failing.LastDelivered);
        Assert.Null(healthy.FailingSince);
        Assert.True(healthy.LastDelivered);
        Assert.Equal(Now.AddMinutes(3), healthy.LastAttemptAt);
        Assert.Equal(3, Assert.Single(await temp.Store.ListAlertDeliveriesAsync(project, 10, ct)).Attempts);
    }

    [Fact]
    public async Task Channels_are_kept_per_project_and_a_test_notice_needs_a_channel_of_the_project()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        var channel = TestChannels.Of("chn_a", project, Now);
        await temp.Store.AddAlertChannelAsync(channel, ct);

        var stored = await temp.Store.GetAlertChannelAsync(project, "chn_a", ct);
        Assert.NotNull(stored);
        Assert.Equal(channel.SealedSettings, stored!.SealedSettings);
        Assert.Equal(AlertChannelKind.Slack, stored.Kind);
        Assert.Null(await temp.Store.GetAlertChannelAsync(other, "chn_a", ct));
        Assert.Null(await temp.Store.QueueTestAlertDeliveryAsync(other, "chn_a", Now, ct));
        var test = await temp.Store.QueueTestAlertDeliveryAsync(project, "chn_a", Now, ct);
        Assert.NotNull(test);
        Assert.Null(test!.Alert);
        Assert.False(await temp.Store.DeleteAlertChannelAsync(other, "chn_a", ct));
        Assert.True(await temp.Store.DeleteAlertChannelAsync(project, "chn_a", ct));
        Assert.Empty(await temp.Store.ListAlertChannelsAsync(project, ct));

        // The delivery outlives its channel, for the worker to fail and the history to show.
        var claim = Assert.Single(await temp.Store.ClaimAlertDeliveriesAsync(Now, Lease, 10, ct));
        Assert.Null(claim.Alert);
        Assert.Equal("chn_a", claim.Delivery.ChannelId);
    }


    private static BudgetAlert Alert(string project) =>
        new(project, "bud_1", "Prod", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), BudgetAlertKind.Threshold, 80, Now, 8_000_000_000, 10_000_000_000, "80.00");
}
