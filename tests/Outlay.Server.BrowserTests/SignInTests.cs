using Microsoft.Playwright;
using Outlay.Core.Keys;
using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>Sign-in in a real browser: wrong and ingest keys are refused without a session; a good key gets a strict cookie.</summary>
public sealed class SignInTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_wrong_key_is_refused_with_the_error_and_no_session_cookie()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.NewPageAsync();
        var wrongKey = "olk_read_" + new string('x', 40);

        await DashboardPages.SignInAsync(page, wrongKey);

        Assert.Equal("That key is not valid.", await DashboardPages.TextAsync(page, "signin-error"));
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Null(await DashboardPages.SessionCookieAsync(session.Context));
        Assert.DoesNotContain(wrongKey, await page.ContentAsync(), StringComparison.Ordinal);

        // And the dashboard stays closed: a page sends the browser back to sign-in.
        await page.GotoAsync("/explore");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await page.GetByTestId("signin-form").WaitForAsync();
    }

    [Fact]
    public async Task An_ingest_key_is_refused_with_its_own_message_and_no_session_cookie()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.NewPageAsync();

        await DashboardPages.SignInAsync(page, fixture.Server.IngestKey);

        Assert.Contains("Ingest keys can only send events", await DashboardPages.TextAsync(page, "signin-error"), StringComparison.Ordinal);
        Assert.Null(await DashboardPages.SessionCookieAsync(session.Context));
        Assert.DoesNotContain(fixture.Server.IngestKey, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_key_signs_in_with_an_HttpOnly_SameSite_Strict_cookie_and_returns_to_the_asked_page()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.NewPageAsync();

        // A signed-out visit to a page goes to sign-in and, after it, back to that page.
        await page.GotoAsync("/models");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await DashboardPages.SubmitKeyAsync(page, fixture.Server.ReadKey);
        Assert.Equal("/models", new Uri(page.Url).AbsolutePath);
        Assert.Equal("browser", await DashboardPages.TextAsync(page, "project-name"));
        Assert.Contains("read", (await DashboardPages.TextAsync(page, "key-kind")).ToLowerInvariant(), StringComparison.Ordinal);

        var cookie = await DashboardPages.SessionCookieAsync(session.Context);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly, "the session cookie must be HttpOnly");
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(fixture.Server.ReadKey, cookie.Value, StringComparison.Ordinal);
        // Script cannot read it: HttpOnly as the browser enforces it.
        Assert.DoesNotContain(DashboardPages.SessionCookieName, await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);

        // Sign-out ends the session: back to sign-in, and the pages are closed again.
        await page.GetByTestId("signout").ClickAsync();
        await page.GetByTestId("signin-form").WaitForAsync();
        await page.GotoAsync("/");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_key_of_another_project_sees_only_that_project()
    {
        await using var session = await fixture.StartSessionAsync();
        var foreign = await fixture.Server.App.Store.FindProjectAsync("foreign", TestContext.Current.CancellationToken);
        Assert.NotNull(foreign);
        var foreignRead = await fixture.Server.CreateKeyAsync(foreign.Id, ApiKeyKind.Read, "foreign read", TestContext.Current.CancellationToken);

        var page = await session.SignInAsync(foreignRead, "/explore?range=7d&by=service");

        Assert.Equal("foreign", await DashboardPages.TextAsync(page, "project-name"));
        var text = await page.InnerTextAsync("main");
        Assert.Contains("zz-foreign-service", text, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout-api", text, StringComparison.Ordinal);
    }
}
