using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>
/// Every page, as the browser sees it: nothing fetched from any other host, no console or CSP errors, no inline code,
/// readable at phone width, reachable by keyboard, and a screenshot of each at both widths.
/// </summary>
public sealed class PageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Every_page_loads_only_from_its_own_origin_with_no_console_or_CSP_errors()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.NewPageAsync();

        // Signed out: the sign-in page.
        await PageChecks.OpenAsync(page, "/signin");
        await PageChecks.AssertNoInlineCodeAndStyledAsync(page);
        await BrowserSession.SaveScreenshotsAsync(page, "signin");

        // Signed in as admin, so the keys page renders too.
        await DashboardPages.SubmitKeyAsync(page, fixture.Server.AdminKey);
        await page.GetByTestId("nav-overview").WaitForAsync();
        foreach (var (name, path) in DashboardPages.SignedIn)
        {
            await PageChecks.OpenAsync(page, path);
            await PageChecks.AssertNoInlineCodeAndStyledAsync(page);
            Assert.Equal("page", await page.GetByTestId("nav-" + name).GetAttributeAsync("aria-current"));
            Assert.DoesNotContain("zz-foreign", await page.InnerTextAsync("body"), StringComparison.Ordinal);
            await BrowserSession.SaveScreenshotsAsync(page, name);
        }

        // The assets were really fetched (so "no errors" is not vacuous), then: every request stayed home.
        var paths = session.Requests.Select(r => new Uri(r.Url).AbsolutePath).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("/assets/dashboard.css", paths);
        Assert.Contains("/assets/dashboard.js", paths);
        Assert.True(session.Requests.Count >= 2 * (DashboardPages.SignedIn.Count + 1), "fewer requests than pages and assets: the recording is broken");
        session.AssertOnlyOwnOriginAndClean();
    }

    [Fact]
    public async Task At_phone_width_no_page_scrolls_sideways()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(BrowserSession.PhoneWidth, 800);

        await PageChecks.OpenAsync(page, "/signin");
        await PageChecks.AssertNoHorizontalOverflowAsync(page, BrowserSession.PhoneWidth);
        await DashboardPages.SubmitKeyAsync(page, fixture.Server.AdminKey);
        foreach (var (_, path) in DashboardPages.SignedIn)
        {
            await PageChecks.OpenAsync(page, path);
            await PageChecks.AssertNoHorizontalOverflowAsync(page, BrowserSession.PhoneWidth);
        }

        // The navigation is still all there and usable at this width.
        foreach (var (name, _) in DashboardPages.SignedIn)
        {
            Assert.True(await page.GetByTestId("nav-" + name).IsVisibleAsync(), "nav-" + name + " is hidden at phone width");
        }
    }

    [Fact]
    public async Task The_skip_link_and_the_navigation_are_reachable_with_the_keyboard()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.SignInAsync(fixture.Server.ReadKey);
        await page.GetByTestId("nav-overview").WaitForAsync();

        // First Tab from the top: the skip link, which moves focus to the content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // From the top again, Tab reaches the time zone, sign-out, every nav link and the chart switch.
        await page.ReloadAsync();
        var reached = await TabThroughAsync(page, 40);
        foreach (var (name, _) in DashboardPages.SignedIn)
        {
            Assert.Contains("nav-" + name, reached);
        }

        Assert.Contains("tz-select", reached);
        Assert.Contains("signout", reached);
        Assert.Contains("chart-hour", reached);

        // Focus is visible: a focused link draws an outline or a ring.
        await page.GetByTestId("nav-explore").FocusAsync();
        var ring = await page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth + ' / ' + s.boxShadow; }");
        Assert.False(ring.StartsWith("none", StringComparison.Ordinal) && ring.EndsWith("/ none", StringComparison.Ordinal), "no visible focus: " + ring);

        // Explore's controls are all reachable from the top of the page.
        await page.GotoAsync("/explore");
        await page.GetByTestId("explore-table").WaitForAsync();
        var explore = await TabThroughAsync(page, 45);
        foreach (var control in (string[])["explore-by-1", "explore-by-2", "explore-range", "explore-interval", "explore-submit", "export-csv", "sort-cost"])
        {
            Assert.Contains(control, explore);
        }

        // And Enter on a focused nav link follows it.
        await page.GetByTestId("nav-models").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/models**");
        Assert.Equal("page", await page.GetByTestId("nav-models").GetAttributeAsync("aria-current"));
    }

    [Fact]
    public async Task The_browser_time_zone_is_picked_up_on_the_first_visit()
    {
        await using var session = await fixture.StartSessionAsync(browserTimeZone: "Europe/Berlin");
        var page = await session.SignInAsync(fixture.Server.ReadKey);

        // The page script adds ?tz= once; the server shows and remembers it.
        await page.WaitForURLAsync("**tz=Europe%2FBerlin**");
        Assert.Contains("Europe/Berlin", await DashboardPages.TextAsync(page, "time-zone"), StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", await page.GetByTestId("tz-select").InputValueAsync());
        session.AssertOnlyOwnOriginAndClean();
    }

    [Fact]
    public async Task Without_script_the_time_zone_form_still_works()
    {
        var session = await fixture.StartSessionAsync(javaScriptEnabled: false);
        await using (session)
        {
            var page = await session.SignInAsync(fixture.Server.ReadKey);
            await page.GetByTestId("tz-select").SelectOptionAsync("Asia/Tokyo");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            Assert.Contains("Asia/Tokyo", await DashboardPages.TextAsync(page, "time-zone"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_recording_catches_a_CSP_violation_and_a_foreign_request()
    {
        // A check of the checks: without this, "no errors were recorded" could mean "nothing was recorded".
        await using var blocked = await fixture.StartSessionAsync();
        var page = await blocked.NewPageAsync();
        await PageChecks.OpenAsync(page, "/signin");
        await page.RunAndWaitForConsoleMessageAsync(
            () => page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.head.appendChild(s); }"),
            new() { Predicate = m => m.Text.Contains("Content Security Policy", StringComparison.Ordinal) });
        Assert.Contains(blocked.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(blocked.AssertOnlyOwnOriginAndClean);

        await using var foreign = await fixture.StartSessionAsync();
        var other = await foreign.NewPageAsync();
        await other.RunAndWaitForRequestAsync(() => other.SetContentAsync("<img src=\"http://127.0.0.2:9/pixel.png\">"), "http://127.0.0.2:9/**");
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(foreign.AssertOnlyOwnOriginAndClean);
        Assert.Contains("127.0.0.2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Presses Tab up to <paramref name="presses"/> times and returns the test ids of the elements that got focus.</summary>
    internal static async Task<HashSet<string>> TabThroughAsync(Microsoft.Playwright.IPage page, int presses)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')");
            if (id is not null)
            {
                reached.Add(id);
            }
        }

        return reached;
    }
}
