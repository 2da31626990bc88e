using System.Net;
using System.Text.Json.Nodes;
using Outlay.Core.Credentials;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Findings;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>
/// The Security page: findings open first with their explanation and filters, review forms that need an admin session
/// and its CSRF token, and the credential inventory with each label's where view and rotation.
/// </summary>
public sealed class SecurityPageTests
{
    [Fact]
    public async Task An_admin_session_acknowledges_snoozes_and_reopens_a_finding_with_the_pages_forms()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var adminId = (await server.App.Store.ListKeysAsync(project, ct)).Single().KeyId;
        var finding = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, DateTimeOffset.UtcNow.AddHours(-1)));
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(admin);

        var html = await browser.GetHtmlAsync("/security?status=open");
        Assert.Contains($"id=\"finding-{finding.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("$1.20/h (median of 4 same hours of week)", html, StringComparison.Ordinal);
        Assert.Contains("$9.85/h", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/security/findings/{finding.Id}/acknowledge\"", html, StringComparison.Ordinal);

        using var acked = await browser.PostWithCsrfAsync($"/security/findings/{finding.Id}/acknowledge", ("return", "/security?status=open"));
        Assert.Equal(HttpStatusCode.SeeOther, acked.StatusCode);
        Assert.Equal($"/security?status=open#finding-{finding.Id}", acked.Headers.Location!.OriginalString);
        var stored = await server.App.Store.GetFindingAsync(project, finding.Id, ct);
        Assert.Equal(FindingStatus.Acknowledged, stored!.Status);
        Assert.Equal(adminId, stored.AcknowledgedBy);
        Assert.DoesNotContain($"finding-{finding.Id}", await browser.GetHtmlAsync("/security?status=open"), StringComparison.Ordinal);
        Assert.Contains($"action=\"/security/findings/{finding.Id}/reopen\"", await browser.GetHtmlAsync("/security?status=acknowledged"), StringComparison.Ordinal);

        var before = DateTimeOffset.UtcNow;
        using var snoozed = await browser.PostWithCsrfAsync($"/security/findings/{finding.Id}/snooze", ("for", "7d"), ("return", "https://evil.example/"));
        Assert.Equal(HttpStatusCode.SeeOther, snoozed.StatusCode);
        Assert.Equal($"/security#finding-{finding.Id}", snoozed.Headers.Location!.OriginalString);
        Assert.InRange((await server.App.Store.GetFindingAsync(project, finding.Id, ct))!.SnoozedUntil!.Value, before.AddDays(7).AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(7));
        Assert.Contains("data-testid=\"finding-snoozed\"", await browser.GetHtmlAsync("/security"), StringComparison.Ordinal);

        using var badLength = await browser.PostWithCsrfAsync($"/security/findings/{finding.Id}/snooze", ("for", "365d"));
        Assert.Equal(HttpStatusCode.BadRequest, badLength.StatusCode);
        using var ended = await browser.PostWithCsrfAsync($"/security/findings/{finding.Id}/snooze", ("for", "end"));
        using var reopened = await browser.PostWithCsrfAsync($"/security/findings/{finding.Id}/reopen");
        stored = await server.App.Store.GetFindingAsync(project, finding.Id, ct);
        Assert.Equal(HttpStatusCode.SeeOther, reopened.StatusCode);
        Assert.Equal(FindingStatus.Open, stored!.Status);
        Assert.Null(stored.SnoozedUntil);
    }

    [Fact]
    public async Task Review_posts_need_the_sessions_csrf_token_and_an_admin_session_and_read_sessions_see_no_buttons()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var finding = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, DateTimeOffset.UtcNow.AddHours(-1)));
        using var admin = new DashboardBrowser(server);
        await admin.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        using var other = new DashboardBrowser(server);
        await other.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        using var reader = new DashboardBrowser(server);
        await reader.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));
        await admin.GetHtmlAsync("/security");
        await other.GetHtmlAsync("/security");
        var readHtml = await reader.GetHtmlAsync("/security");
        var path = $"/security/findings/{finding.Id}/acknowledge";

        using var noToken = await admin.PostFormAsync(path, []);
        using var wrongToken = await admin.PostFormAsync(path, [new("_csrf", other.CsrfToken!)]);
        using var crossSite = await admin.PostFormAsync(path, [new("_csrf", admin.CsrfToken!)], new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        using var readSession = await reader.PostWithCsrfAsync(path);
        using var readSnooze = await reader.PostWithCsrfAsync($"/security/findings/{finding.Id}/snooze", ("for", "24h"));

        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readSession.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readSnooze.StatusCode);
        Assert.Contains($"id=\"finding-{finding.Id}\"", readHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("/security/findings/", readHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Review<", readHtml, StringComparison.Ordinal);
        var stored = await server.App.Store.GetFindingAsync(project, finding.Id, ct);
        Assert.Equal(FindingStatus.Open, stored!.Status);
        Assert.Null(stored.SnoozedUntil);
    }

    [Fact]
    public async Task Another_projects_finding_is_not_found_and_not_shown()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var elsewhere = await server.CreateProjectAsync("other");
        var theirs = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(elsewhere, DateTimeOffset.UtcNow.AddHours(-1)));
        using var admin = new DashboardBrowser(server);
        await admin.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        var html = await admin.GetHtmlAsync("/security");

        using var ack = await admin.PostWithCsrfAsync($"/security/findings/{theirs.Id}/acknowledge");
        using var notAnId = await admin.PostWithCsrfAsync("/security/findings/nope/acknowledge");
        using var unknownAction = await admin.PostWithCsrfAsync($"/security/findings/{theirs.Id}/delete");

        Assert.DoesNotContain(theirs.Id.ToString(), html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"findings-empty\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, ack.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAction.StatusCode);
        Assert.Equal(FindingStatus.Open, (await server.App.Store.GetFindingAsync(elsewhere, theirs.Id, ct))!.Status);
    }

    [Fact]
    public async Task Open_findings_come_first_and_the_kind_filter_narrows_the_list()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var now = DateTimeOffset.UtcNow;
        var older = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, now.AddHours(-5)));
        var newer = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, now.AddHours(-1), label: "anthropic-prod"));
        await server.App.Store.AcknowledgeFindingAsync(project, newer.Id, null, now, ct);
        var retired = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, now.AddHours(-3)) with
        {
            Kind = FindingKinds.RetiredCredentialInUse,
            Fingerprint = "retired|openai-old",
            Subject = "openai-old",
            Summary = "Retired key label openai-old used by checkout",
        });
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));

        var all = await browser.GetHtmlAsync("/security");
        var onlyRetired = await browser.GetHtmlAsync("/security?kind=retired_credential_in_use");

        var positions = new[] { older.Id, retired.Id, newer.Id }.Select(id => all.IndexOf($"id=\"finding-{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.True(positions[2] > positions[0] && positions[2] > positions[1], "the acknowledged finding comes after the open ones");
        Assert.Contains($"finding-{retired.Id}", onlyRetired, StringComparison.Ordinal);
        Assert.DoesNotContain($"finding-{older.Id}", onlyRetired, StringComparison.Ordinal);
        Assert.Contains("<option value=\"retired_credential_in_use\" selected=\"\">", onlyRetired, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_credentials_list_links_each_label_to_where_it_is_used_and_a_retired_label_to_its_rotation()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var now = DateTimeOffset.UtcNow;
        await ApiJson.ExpectAsync(
            await server.PostEventsAsync(ingest, EventJson.Batch(
                Labelled("openai-old", "checkout", "pod-1", now.AddDays(-3)),
                Labelled("openai-old", "search", "pod-7", now.AddDays(-3)),
                Labelled("openai-new", "checkout", "pod-1", now.AddDays(-1)),
                Labelled("openai-old", "search", "pod-7", now.AddHours(-2)))),
            HttpStatusCode.OK);
        await server.App.Store.SetCredentialRetirementAsync(new CredentialRetirement(project, "openai-old", now.AddDays(-2), "openai-new", null, now, null), ct);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));

        var page = await browser.GetHtmlAsync("/security");
        var where = await browser.GetHtmlAsync("/security/credential?label=openai-old");
        using var unknown = await browser.GetPageAsync("/security/credential?label=never-seen");

        Assert.Contains("data-testid=\"credentials-table\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/security/credential?label=openai-old\"", page, StringComparison.Ordinal);
        Assert.Contains("retired, still in use", page, StringComparison.Ordinal);
        Assert.Contains("checkout, search", page.Replace("search, checkout", "checkout, search", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, CountOf(where, "data-testid=\"place\""));
        Assert.Contains("pod-7", where, StringComparison.Ordinal);
        Assert.Contains("after retirement", where, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rotation-table\"", where, StringComparison.Ordinal);
        Assert.Contains("1 not moved, 0 using both, 1 moved.", where, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static JsonObject Labelled(string label, string service, string instance, DateTimeOffset at)
    {
        var item = EventJson.Event(service: service, environment: "prod", timestamp: at);
        item["key_label"] = label;
        item["instance"] = instance;
        return item;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
