using System.Net;
using System.Text.RegularExpressions;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>The keys page: admin only, create shows the key once, revoke works at once and only within the project.</summary>
public sealed class KeysPageTests
{
    [Fact]
    public async Task A_read_session_gets_a_403_page_on_every_keys_route()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        Assert.True(ApiKeyText.TryParse(admin, out _, out var adminId));
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));
        await browser.GetHtmlAsync("/budgets");

        using var list = await browser.GetPageAsync("/keys");
        using var create = await browser.PostWithCsrfAsync("/keys", ("kind", "admin"));
        using var revoke = await browser.PostWithCsrfAsync("/keys/" + adminId + "/revoke");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Contains("admin key", await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.Equal(2, (await server.App.Store.ListKeysAsync(project, TestContext.Current.CancellationToken)).Count(k => k.RevokedAt is null));
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_is_shown_once_uncached_and_works()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        await browser.GetHtmlAsync("/keys");

        using var created = await browser.PostWithCsrfAsync("/keys", ("kind", "ingest"), ("name", "checkout <svc>"), ("environments", "prod, staging"));
        var html = await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var keyText = Regex.Match(html, "data-testid=\"key-secret\">([^<]+)<").Groups[1].Value;
        var list = await browser.GetHtmlAsync("/keys");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        Assert.True(ApiKeyText.TryParse(keyText, out var kind, out var keyId));
        Assert.Equal(ApiKeyKind.Ingest, kind);
        Assert.Contains("will not be shown again", html, StringComparison.Ordinal);
        Assert.Contains("checkout &lt;svc&gt;", list, StringComparison.Ordinal);
        Assert.Contains(keyId, list, StringComparison.Ordinal);
        Assert.Contains("prod, staging", list, StringComparison.Ordinal);
        Assert.DoesNotContain(keyText, list, StringComparison.Ordinal);
        using var ingest = await server.PostEventsAsync(keyText, EventJson.Batch(EventJson.Event(environment: "prod")));
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
    }

    [Theory]
    [InlineData("root", "", "kind")]
    [InlineData("read", "prod", "environments")]
    [InlineData("ingest", "Prod Env", "environments")]
    public async Task Invalid_create_forms_show_the_apis_error_and_create_nothing(string kind, string environments, string named)
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        await browser.GetHtmlAsync("/keys");

        using var response = await browser.PostWithCsrfAsync("/keys", ("kind", kind), ("environments", environments));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("data-testid=\"key-error\">" + named + ":", html);
        Assert.Single(await server.App.Store.ListKeysAsync(project, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Revoking_a_key_on_the_page_stops_it_at_once_for_the_api_and_for_its_sessions()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        Assert.True(ApiKeyText.TryParse(read, out _, out var readId));
        using var reader = new DashboardBrowser(server);
        await reader.SignInOrFailAsync(read);
        using var warm = await server.GetAsync("/api/v1/findings", read); // now cached by the authenticator
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        using var admin = new DashboardBrowser(server);
        await admin.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        var list = await admin.GetHtmlAsync("/keys");
        Assert.Contains("action=\"/keys/" + readId + "/revoke\"", list, StringComparison.Ordinal);
        Assert.Contains("data-confirm=", list, StringComparison.Ordinal);

        using var revoke = await admin.PostWithCsrfAsync("/keys/" + readId + "/revoke");

        Assert.Equal(HttpStatusCode.SeeOther, revoke.StatusCode);
        Assert.Equal("/keys", revoke.Headers.Location?.OriginalString);
        using var api = await server.GetAsync("/api/v1/findings", read);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var page = await reader.GetPageAsync("/budgets");
        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.Contains("revoked", await admin.GetHtmlAsync("/keys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_projects_session_neither_sees_nor_revokes_this_projects_keys()
    {
        await using var server = await RunningServer.StartAsync();
        var projectA = await server.CreateProjectAsync("project-a");
        var projectB = await server.CreateProjectAsync("project-b");
        var keyA = await server.CreateKeyAsync(projectA, ApiKeyKind.Read);
        Assert.True(ApiKeyText.TryParse(keyA, out _, out var keyAId));
        using var browserB = new DashboardBrowser(server);
        await browserB.SignInOrFailAsync(await server.CreateKeyAsync(projectB, ApiKeyKind.Admin));

        var list = await browserB.GetHtmlAsync("/keys");
        using var revoke = await browserB.PostWithCsrfAsync("/keys/" + keyAId + "/revoke");
        using var unknown = await browserB.PostWithCsrfAsync("/keys/nosuchkey/revoke");

        Assert.DoesNotContain(keyAId, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No such key", await revoke.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("No such key", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null((await server.App.Store.FindKeyAsync(keyAId, TestContext.Current.CancellationToken))!.RevokedAt);
    }
}
