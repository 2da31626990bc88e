using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Outlay.Server.BrowserTests.Support;

/// <summary>
/// One test's own browser context against the seeded server, recording every request, response, failed request,
/// console message and page error, so a test can assert what the browser did and not only what it shows.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const int LaptopWidth = 1280;
    public const int PhoneWidth = 375;

    private readonly ConcurrentQueue<IRequest> _requests = new();
    private readonly ConcurrentQueue<string> _failedRequests = new();
    private readonly ConcurrentQueue<(string Url, int Status, string ResourceType)> _responses = new();
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();

    private BrowserSession(IBrowserContext context, SeededServer server)
    {
        Context = context;
        Server = server;
        context.Request += (_, request) => _requests.Enqueue(request);
        context.RequestFailed += (_, request) => _failedRequests.Enqueue($"{request.Method} {request.Url}: {request.Failure}");
        context.Response += (_, response) => _responses.Enqueue((response.Url, response.Status, response.Request.ResourceType));
        context.Console += (_, message) =>
        {
            // CSP violations are reported as console errors; warnings are kept too when they name the policy.
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _consoleErrors.Enqueue($"[{message.Type}] {message.Text} ({message.Location})");
            }
        };
        context.WebError += (_, error) => _pageErrors.Enqueue(error.Error);
    }

    public IBrowserContext Context { get; }

    public SeededServer Server { get; }

    public IReadOnlyList<IRequest> Requests => [.. _requests];

    public IReadOnlyList<string> FailedRequests => [.. _failedRequests];

    public IReadOnlyList<(string Url, int Status, string ResourceType)> Responses => [.. _responses];

    public IReadOnlyList<string> ConsoleErrors => [.. _consoleErrors];

    public IReadOnlyList<string> PageErrors => [.. _pageErrors];

    /// <summary>A context on <paramref name="server"/>'s origin; the browser's zone defaults to UTC, script to enabled.</summary>
    public static async Task<BrowserSession> StartAsync(IBrowser browser, SeededServer server, string? timezoneId = null, bool javaScriptEnabled = true)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Origin,
            ViewportSize = new ViewportSize { Width = LaptopWidth, Height = 900 },
            AcceptDownloads = true,
            TimezoneId = timezoneId ?? "UTC",
            Locale = "en-US",
            JavaScriptEnabled = javaScriptEnabled,
        });
        // Generous: CI shares two cores with other builds; a broken page still fails well inside the test run.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        return new BrowserSession(context, server);
    }

    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    /// <summary>Opens <c>/signin</c>, submits <paramref name="key"/> and returns the page where the browser landed.</summary>
    public async Task<IPage> SignInAsync(string key, string returnPath = "/")
    {
        var page = await NewPageAsync();
        await DashboardPages.SignInAsync(page, key, returnPath);
        return page;
    }

    /// <summary>Asserts the browser asked nothing of any origin but the server's, and nothing failed or was refused.</summary>
    public void AssertOnlyOwnOriginAndClean()
    {
        var own = Server.Origin;
        var foreign = Requests
            .Select(r => r.Url)
            .Where(url => !url.StartsWith(own + "/", StringComparison.Ordinal) && !string.Equals(url, own, StringComparison.Ordinal))
            .ToList();
        Assert.True(foreign.Count == 0, "requests to other origins: " + string.Join(", ", foreign));
        Assert.True(FailedRequests.Count == 0, "failed requests: " + string.Join(", ", FailedRequests));
        var badAssets = Responses.Where(r => r.ResourceType != "document" && r.Status >= 400).ToList();
        Assert.True(badAssets.Count == 0, "sub-resources answered with an error: " + string.Join(", ", badAssets));
        Assert.True(ConsoleErrors.Count == 0, "console errors (a CSP violation shows here): " + string.Join(" | ", ConsoleErrors));
        Assert.True(PageErrors.Count == 0, "script errors: " + string.Join(" | ", PageErrors));
    }

    /// <summary>Saves full-page PNGs of <paramref name="page"/> at laptop and phone widths as <c>&lt;name&gt;-&lt;width&gt;.png</c>.</summary>
    public static async Task SaveScreenshotsAsync(IPage page, string name)
    {
        var directory = RepositoryPaths.ScreenshotDirectory();
        var original = page.ViewportSize;
        foreach (var width in (int[])[LaptopWidth, PhoneWidth])
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}-{width}.png"), FullPage = true });
        }

        if (original is not null)
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
