using Microsoft.Playwright;

namespace Outlay.Server.BrowserTests.Support;

/// <summary>The dashboard's routes and the steps every test repeats, written once against the rendered hooks.</summary>
internal static class DashboardPages
{
    /// <summary>Every signed-in page, with the name its screenshots get.</summary>
    public static readonly IReadOnlyList<(string Name, string Path)> SignedIn =
    [
        ("overview", "/"),
        ("explore", "/explore"),
        ("models", "/models"),
        ("budgets", "/budgets"),
        ("alerts", "/alerts"),
        ("security", "/security"),
        ("keys", "/keys"),
    ];

    /// <summary>The session cookie's name on plain HTTP (the tests' loopback server).</summary>
    public const string SessionCookieName = "outlay_session";

    /// <summary>Fills the sign-in form with <paramref name="key"/> and submits it, waiting for the next page to load.</summary>
    public static async Task SignInAsync(IPage page, string key, string returnPath = "/")
    {
        await page.GotoAsync("/signin" + (returnPath == "/" ? string.Empty : "?return=" + Uri.EscapeDataString(returnPath)));
        await SubmitKeyAsync(page, key);
    }

    /// <summary>Types a key into the open sign-in page and presses its button.</summary>
    public static async Task SubmitKeyAsync(IPage page, string key)
    {
        await page.GetByLabel("Key", new PageGetByLabelOptions { Exact = true }).FillAsync(key);
        // A click waits for the navigation it starts. The next page's script may replace it at once (a first visit
        // adds the browser's zone to the URL), which can strand a load-state wait, so wait on an element instead:
        // locator waits follow navigations.
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.Locator("main").WaitForAsync();
    }

    /// <summary>The session cookie of <paramref name="context"/>, or null when it holds none.</summary>
    public static async Task<BrowserContextCookiesResult?> SessionCookieAsync(IBrowserContext context) =>
        (await context.CookiesAsync()).FirstOrDefault(c => c.Name == SessionCookieName);

    /// <summary>The trimmed text of the element with <c>data-testid=<paramref name="testId"/></c>, waiting for it to render.</summary>
    public static async Task<string> TextAsync(IPage page, string testId)
    {
        var element = page.GetByTestId(testId);
        await element.First.WaitForAsync();
        return (await element.First.InnerTextAsync()).Trim();
    }
}
