using Microsoft.Playwright;

namespace Outlay.Server.BrowserTests.Support;

/// <summary>
/// Per test class: the system Chromium, launched once, and one seeded server. Tests only read the seeded data
/// (the keys test makes keys of its own), so sharing them keeps a class fast. When Chromium is missing nothing is
/// started and every test skips (or fails on CI) through <see cref="StartSessionAsync"/>.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SeededServer? _server;
    private string? _missingReason;

    internal SeededServer Server => _server ?? throw new InvalidOperationException("The fixture did not start a server.");

    public async ValueTask InitializeAsync()
    {
        var executable = ChromiumLocator.Find();
        if (executable is null)
        {
            _missingReason = "no executable at OUTLAY_CHROMIUM, /usr/bin/chromium or on PATH";
            return;
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        _server = await SeededServer.StartAsync(cancellationToken);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh, recording browser context for one test; skips (or fails on CI) when Chromium is absent.</summary>
    internal async Task<BrowserSession> StartSessionAsync(string? browserTimeZone = null, bool javaScriptEnabled = true)
    {
        if (_browser is null)
        {
            ChromiumLocator.SkipOrFail(_missingReason ?? "the browser did not start");
        }

        return await BrowserSession.StartAsync(_browser!, Server, browserTimeZone, javaScriptEnabled);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
