using System.Net;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>Dashboard sign-in: which keys are accepted, what the cookie looks like, what refusals say.</summary>
public sealed class SignInTests
{
    [Theory]
    [InlineData(ApiKeyKind.Read)]
    [InlineData(ApiKeyKind.Admin)]
    public async Task A_read_or_admin_key_signs_in_with_a_strict_httponly_session_cookie(ApiKeyKind kind)
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme-co");
        var key = await server.CreateKeyAsync(project, kind);
        using var browser = new DashboardBrowser(server);

        using var response = await browser.SignInAsync(key, "/budgets?x=1");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/budgets?x=1", response.Headers.Location?.OriginalString);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("outlay_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain HTTP on loopback
        Assert.DoesNotContain(key, setCookie, StringComparison.Ordinal);
        var page = await browser.GetHtmlAsync("/budgets");
        Assert.Contains("data-testid=\"project-name\">acme-co<", page, StringComparison.Ordinal);
        Assert.Contains(kind == ApiKeyKind.Admin ? "admin key" : "read key", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_store_keeps_only_a_hash_of_the_session_cookie()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(key);
        var cookie = browser.SessionCookie!;
        var sessionId = cookie[..cookie.IndexOf('.', StringComparison.Ordinal)];

        var stored = await server.App.Store.FindDashboardSessionAsync(sessionId, TestContext.Current.CancellationToken);

        Assert.NotNull(stored);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cookie)), stored.SecretHash);
        Assert.Equal(ApiKeyKind.Read, stored.Kind);
        Assert.True(stored.ExpiresAt - stored.CreatedAt == TimeSpan.FromHours(12));
    }

    [Fact]
    public async Task An_ingest_key_is_refused_with_a_message_saying_what_to_use()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Ingest);
        using var browser = new DashboardBrowser(server);

        using var response = await browser.SignInAsync(key);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-testid=\"signin-error\"", html, StringComparison.Ordinal);
        Assert.Contains("sign in with a read or admin key", html, StringComparison.Ordinal);
        Assert.DoesNotContain(key, html, StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task Unknown_revoked_and_overlong_keys_get_the_same_refusal_without_echo()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var revoked = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        Assert.True(ApiKeyText.TryParse(revoked, out _, out var revokedId));
        await server.App.Store.RevokeKeyAsync(revokedId, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var (unknown, _) = ApiKeyFactory.Create(ApiKeyKind.Read, project, null, null, DateTimeOffset.UtcNow);
        var overlong = "olk_read_" + new string('a', 300);

        foreach (var key in new[] { unknown, revoked, overlong, "<script>alert(1)</script>" })
        {
            using var browser = new DashboardBrowser(server);
            using var response = await browser.SignInAsync(key);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("That key is not valid.", html, StringComparison.Ordinal);
            Assert.DoesNotContain(key, html, StringComparison.Ordinal);
            Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
            Assert.Null(browser.SessionCookie);
        }

        Assert.DoesNotContain(revoked, server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_sign_in_gets_a_new_session_id_and_ends_the_one_the_browser_had()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(key);
        var first = browser.SessionCookie!;

        await browser.SignInOrFailAsync(key);
        var second = browser.SessionCookie!;

        Assert.NotEqual(first[..16], second[..16]);
        Assert.Null(await server.App.Store.FindDashboardSessionAsync(first[..16], TestContext.Current.CancellationToken));
        using var replay = new DashboardBrowser(server);
        replay.Cookies.Add(server.BaseAddress, new Cookie("outlay_session", first));
        using var replayed = await replay.GetPageAsync("/budgets");
        Assert.Equal(HttpStatusCode.SeeOther, replayed.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_needs_its_own_token_and_a_same_origin_post()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);
        var form = await browser.GetHtmlAsync("/signin");
        var token = DashboardBrowser.ReadCsrfToken(form)!;

        using var noToken = await browser.PostFormAsync("/signin", [new("key", key)]);
        using var wrongToken = await browser.PostFormAsync("/signin", [new("key", key), new("_csrf", token + "x")]);
        using var crossSite = await browser.PostFormAsync("/signin", [new("key", key), new("_csrf", token)], new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        using var fetchCrossSite = await browser.PostFormAsync("/signin", [new("key", key), new("_csrf", token)], new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" });

        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fetchCrossSite.StatusCode);
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task Failed_sign_ins_are_rate_limited_per_client_with_retry_after()
    {
        await using var server = await RunningServer.StartAsync(o => o.DashboardSignInFailuresPerMinute = 3);
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await browser.SignInAsync("olk_read_wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var limited = await browser.SignInAsync(key);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_is_refused()
    {
        await using var server = await RunningServer.StartAsync();
        using var browser = new DashboardBrowser(server);
        await browser.GetHtmlAsync("/signin");

        using var json = await browser.Http.PostAsync("/signin", new StringContent("{\"key\":\"x\"}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var huge = await browser.PostFormAsync("/signin", [new("key", new string('a', 20_000))]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }
}
