using System.Net;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Sessions;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>Sessions end on sign-out, on expiry and when their key is revoked, and a replayed cookie then fails.</summary>
public sealed class SessionLifecycleTests
{
    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_replayed_cookie_fails()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(key);
        var cookie = browser.SessionCookie!;
        await browser.GetHtmlAsync("/budgets");

        using var signOut = await browser.PostWithCsrfAsync("/signout");

        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        Assert.Equal("/signin", signOut.Headers.Location?.OriginalString);
        Assert.Null(browser.SessionCookie);
        Assert.Null(await server.App.Store.FindDashboardSessionAsync(cookie[..16], TestContext.Current.CancellationToken));
        using var replay = new DashboardBrowser(server);
        replay.Cookies.Add(server.BaseAddress, new Cookie("outlay_session", cookie));
        using var replayed = await replay.GetPageAsync("/budgets");
        Assert.Equal(HttpStatusCode.SeeOther, replayed.StatusCode);
        Assert.StartsWith("/signin", replayed.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_session_or_a_tampered_secret_is_not_accepted()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        Assert.True(ApiKeyText.TryParse(key, out _, out var keyId));
        var (expiredId, expiredCookie) = SessionCookie.NewSession();
        var now = DateTimeOffset.UtcNow;
        await server.App.Store.AddDashboardSessionAsync(
            new DashboardSessionRecord(expiredId, SessionCookie.Hash(expiredCookie), project, keyId, ApiKeyKind.Admin, now.AddHours(-13), now.AddHours(-1)),
            TestContext.Current.CancellationToken);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(key);
        var valid = browser.SessionCookie!;
        var tampered = valid[..17] + (valid[17] == 'A' ? 'B' : 'A') + valid[18..];

        foreach (var cookie in new[] { expiredCookie, tampered, valid[..16], "x." + valid[17..] })
        {
            using var other = new DashboardBrowser(server);
            other.Cookies.Add(server.BaseAddress, new Cookie("outlay_session", cookie));
            using var response = await other.GetPageAsync("/keys");
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }

        using var stillValid = await browser.GetPageAsync("/keys");
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }

    [Fact]
    public async Task Signing_in_cleans_up_expired_sessions()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        Assert.True(ApiKeyText.TryParse(key, out _, out var keyId));
        var (expiredId, expiredCookie) = SessionCookie.NewSession();
        var now = DateTimeOffset.UtcNow;
        await server.App.Store.AddDashboardSessionAsync(
            new DashboardSessionRecord(expiredId, SessionCookie.Hash(expiredCookie), project, keyId, ApiKeyKind.Read, now.AddHours(-13), now.AddHours(-1)),
            TestContext.Current.CancellationToken);
        using var browser = new DashboardBrowser(server);

        await browser.SignInOrFailAsync(key);

        Assert.Null(await server.App.Store.FindDashboardSessionAsync(expiredId, TestContext.Current.CancellationToken));
        Assert.NotNull(await server.App.Store.FindDashboardSessionAsync(browser.SessionCookie![..16], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Revoking_the_key_through_the_api_ends_its_sessions_at_once()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        Assert.True(ApiKeyText.TryParse(read, out _, out var readId));
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(read);
        await browser.GetHtmlAsync("/budgets");

        using var revoke = await server.SendAsync(HttpMethod.Delete, "/api/v1/keys/" + readId, admin);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var after = await browser.GetPageAsync("/budgets");

        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
    }

    [Fact]
    public async Task A_post_without_a_session_is_forbidden_not_redirected()
    {
        await using var server = await RunningServer.StartAsync();
        using var browser = new DashboardBrowser(server);

        using var response = await browser.PostFormAsync("/keys", [new("kind", "admin"), new("_csrf", "x")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
