using Microsoft.Playwright;

namespace Outlay.Server.BrowserTests;

public sealed class PlaceholderSmokeTests
{
    [Fact]
    public async Task Chromium_launches()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<p>hi</p>");
        Assert.Equal("hi", await page.InnerTextAsync("p"));
    }
}
