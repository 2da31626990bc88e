using System.Net;
using Outlay.Core.Alerts;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// The Channels section of the dashboard's Alerts page: admin forms with CSRF add (webhook secret shown once), test and
/// delete channels; read sessions see no forms and are refused; targets are redacted and health and deliveries shown.
/// </summary>
public sealed class AlertChannelDashboardTests
{
    [Fact]
    public async Task An_admin_adds_a_webhook_sees_its_secret_once_tests_and_deletes_it_and_a_forged_post_changes_nothing()
    {
        await using var server = await RunningServer.StartAsync(o => o.AlertDeliveryInterval = TimeSpan.FromHours(1));
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        var empty = await browser.GetHtmlAsync("/alerts");

        using var forged = await browser.PostFormAsync("/alerts/channels", [KeyValuePair.Create("name", "Forged"), KeyValuePair.Create("kind", "email"), KeyValuePair.Create("recipients", "a@example.com")]);
        using var invalid = await browser.PostWithCsrfAsync("/alerts/channels", ("name", "Bad"), ("kind", "slack"), ("url", "http://hooks.slack.com/services/x"), ("recipients", string.Empty));
        var invalidHtml = await invalid.Content.ReadAsStringAsync(ct);
        using var added = await browser.PostWithCsrfAsync("/alerts/channels", ("name", "Hook"), ("kind", "webhook"), ("url", "https://alerts.example.com/plainpathsegment/in"), ("recipients", string.Empty));
        var addedHtml = await added.Content.ReadAsStringAsync(ct);
        var channel = Assert.Single(await server.App.Store.ListAlertChannelsAsync(project, ct));
        var listed = WebUtility.HtmlDecode(await browser.GetHtmlAsync("/alerts"));
        using var tested = await browser.PostWithCsrfAsync($"/alerts/channels/{channel.Id}/test");
        using var deleted = await browser.PostWithCsrfAsync($"/alerts/channels/{channel.Id}/delete");
        using var again = await browser.PostWithCsrfAsync($"/alerts/channels/{channel.Id}/delete");

        Assert.Contains("data-testid=\"channels-empty\"", empty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"add-channel-form\"", empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("https", invalidHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com/services/x", invalidHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("no-store", added.Headers.CacheControl?.ToString());
        var secret = DashboardBrowserText.TestIdText(addedHtml, "channel-secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("plainpathsegment", listed, StringComparison.Ordinal);
        Assert.Contains("https://alerts.example.com/…/…/in", listed, StringComparison.Ordinal);
        Assert.Contains("never used", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        Assert.Contains("data-testid=\"channel-notice\"", await tested.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(await server.App.Store.ListAlertChannelsAsync(project, ct));
        Assert.Single(await server.App.Store.ListAlertDeliveriesAsync(project, 10, ct));
    }

    [Fact]
    public async Task A_read_session_sees_channels_health_and_deliveries_but_no_forms_and_its_posts_are_refused()
    {
        await using var server = await RunningServer.StartAsync(o => o.AlertDeliveryInterval = TimeSpan.FromHours(1));
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var created = await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "<b>Ops</b>", kind = "email", recipients = new[] { "ops@example.com" } }), HttpStatusCode.Created);
        var id = created.GetProperty("channel").GetProperty("id").GetString()!;
        var fired = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        await server.App.Store.TryRecordBudgetAlertAsync(new BudgetAlert(project, "bud_1", "Prod", fired.AddDays(-22), BudgetAlertKind.Threshold, 80, fired, 8_000_000_000, 10_000_000_000, "80.00"), ct);
        var claim = Assert.Single(await server.App.Store.ClaimAlertDeliveriesAsync(fired, TimeSpan.FromMinutes(1), 10, ct));
        await server.App.Store.CompleteAlertDeliveryAsync(claim.Delivery.Id, claim.LeaseToken, new AlertDeliveryCompletion(AlertDeliveryState.Pending, fired, "SMTP 451", fired.AddSeconds(30)), ct);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));

        var raw = await browser.GetHtmlAsync("/alerts");
        var html = WebUtility.HtmlDecode(raw);
        using var add = await browser.PostWithCsrfAsync("/alerts/channels", ("name", "x"), ("kind", "email"), ("recipients", "a@example.com"));
        using var delete = await browser.PostWithCsrfAsync($"/alerts/channels/{id}/delete");
        using var test = await browser.PostWithCsrfAsync($"/alerts/channels/{id}/test");

        Assert.DoesNotContain("<b>Ops", raw, StringComparison.Ordinal);
        Assert.Contains("<b>Ops</b>", html, StringComparison.Ordinal);
        Assert.Contains("o…@example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ops@example.com", html, StringComparison.Ordinal);
        Assert.Contains("failing", html, StringComparison.Ordinal);
        Assert.Contains("SMTP 451", html, StringComparison.Ordinal);
        Assert.Contains("delivered 0/1, retrying: SMTP 451", html, StringComparison.Ordinal);
        Assert.DoesNotContain("add-channel-form", html, StringComparison.Ordinal);
        Assert.DoesNotContain("delete-" + id, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, test.StatusCode);
        Assert.Single(await server.App.Store.ListAlertChannelsAsync(project, ct));
    }
}
