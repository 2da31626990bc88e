using System.Net;
using System.Text;
using Outlay.Core.Alerts;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary><c>GET /api/v1/alerts</c> on a real server: read and admin keys only, the caller's project only, newest first.</summary>
public sealed class AlertApiTests
{
    private static readonly DateTimeOffset Fired = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Read_and_admin_keys_see_only_their_own_projects_alerts_newest_first()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var shop = await server.CreateProjectAsync("shop");
        var other = await server.CreateProjectAsync("other");
        var read = await server.CreateKeyAsync(shop, ApiKeyKind.Read);
        var admin = await server.CreateKeyAsync(shop, ApiKeyKind.Admin);
        var ingest = await server.CreateKeyAsync(shop, ApiKeyKind.Ingest);
        var otherRead = await server.CreateKeyAsync(other, ApiKeyKind.Read);
        await server.App.Store.TryRecordBudgetAlertAsync(Alert(shop, "b-shop", 50, Fired), ct);
        await server.App.Store.TryRecordBudgetAlertAsync(Alert(shop, "b-shop", 80, Fired.AddMinutes(5)), ct);
        await server.App.Store.TryRecordBudgetAlertAsync(Alert(other, "b-other", 50, Fired), ct);

        var shown = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts", read), HttpStatusCode.OK);
        var byAdmin = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts?limit=1", admin), HttpStatusCode.OK);
        var otherShown = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts", otherRead), HttpStatusCode.OK);

        var alerts = shown.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal([80, 50], alerts.Select(a => a.GetProperty("threshold").GetInt32()));
        Assert.All(alerts, a => Assert.Equal("b-shop", a.GetProperty("budget_id").GetString()));
        Assert.Equal("threshold", alerts[0].GetProperty("kind").GetString());
        Assert.Equal("Prod", alerts[0].GetProperty("budget_name").GetString());
        Assert.Equal(8.125m, alerts[0].GetProperty("spent_usd").GetDecimal());
        Assert.Equal(10m, alerts[0].GetProperty("amount_usd").GetDecimal());
        Assert.Equal("81.25", alerts[0].GetProperty("percentage").GetString());
        Assert.Equal(Fired.AddMinutes(5), alerts[0].GetProperty("fired_at").GetDateTimeOffset());
        Assert.Equal(80, Assert.Single(byAdmin.GetProperty("alerts").EnumerateArray()).GetProperty("threshold").GetInt32());
        Assert.Equal("b-other", Assert.Single(otherShown.GetProperty("alerts").EnumerateArray()).GetProperty("budget_id").GetString());
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts", ingest), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts", null), HttpStatusCode.Unauthorized);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts?limit=0", read), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts?limit=1001", read), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts?limit=x", read), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_hosted_worker_records_an_alert_once_spend_reaches_a_threshold()
    {
        await using var server = await RunningServer.StartAsync(o => o.BudgetAlertInterval = TimeSpan.FromSeconds(1));
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var body = new StringContent("{\"name\":\"Tiny\",\"amount\":\"0.000001\",\"period\":\"rolling\",\"rolling\":\"24h\",\"thresholds\":[100]}", Encoding.UTF8, "application/json");
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, body), HttpStatusCode.Created);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event())), HttpStatusCode.OK);

        // Waits for the background loop (1 s interval) to pick the spend up; bounded by the test's own deadline.
        List<System.Text.Json.JsonElement> alerts = [];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (alerts.Count == 0)
        {
            await Task.Delay(200, deadline.Token);
            var shown = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alerts", admin), HttpStatusCode.OK);
            alerts = shown.GetProperty("alerts").EnumerateArray().ToList();
        }

        var alert = Assert.Single(alerts);
        Assert.Equal("Tiny", alert.GetProperty("budget_name").GetString());
        Assert.Equal(100, alert.GetProperty("threshold").GetInt32());
        Assert.Contains(server.Logs.Lines, l => l.Contains("threshold 100% of budget Tiny", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(ingest, StringComparison.Ordinal) || l.Contains(admin, StringComparison.Ordinal));
    }

    private static BudgetAlert Alert(string project, string budgetId, int threshold, DateTimeOffset fired) =>
        new(project, budgetId, "Prod", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), BudgetAlertKind.Threshold, threshold, fired, 8_125_000_000L, 10_000_000_000L, "81.25");
}
