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

        // And Enter on a focused nav link follows it.
        await page.GetByTestId("nav-models").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/models**");
        Assert.Equal("page", await page.GetByTestId("nav-models").GetAttributeAsync("aria-current"));
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
