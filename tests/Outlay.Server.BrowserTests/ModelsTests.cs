using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>Models &amp; prices and the not-yet-configured pages, reached the way a person would: by following links.</summary>
public sealed class ModelsTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task The_overview_unpriced_notice_leads_to_the_model_and_how_to_price_it()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.SignInAsync(fixture.Server.ReadKey);

        await page.GetByTestId("unpriced").Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/models**#unpriced");

        // The unpriced model is named, with a pricing file already filled in for it.
        var unpriced = page.GetByTestId("unpriced-model");
        Assert.Equal(1, await unpriced.CountAsync());
        var help = await unpriced.InnerTextAsync();
        Assert.Contains("acme-ai / " + SeedData.UnpricedModel, help, StringComparison.Ordinal);
        Assert.Contains("\"model\": \"" + SeedData.UnpricedModel + "\"", help, StringComparison.Ordinal);
        Assert.Contains("outlay serve --pricing-config", help, StringComparison.Ordinal);

        // Every seeded model appears in the usage table; the priced ones name their catalog entry.
        var usage = await page.GetByTestId("price-usage").InnerTextAsync();
        foreach (var workload in SeedData.Workloads)
        {
            Assert.Contains(workload.Model, usage, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("zz-foreign", await page.InnerTextAsync("body"), StringComparison.Ordinal);

        // The catalog is searchable.
        await page.GetByTestId("catalog-search").FillAsync("claude-3-5-haiku");
        await page.GetByTestId("catalog-search").PressAsync("Enter");
        await page.WaitForURLAsync("**q=claude-3-5-haiku**");
        var rows = await page.GetByTestId("catalog-row").AllInnerTextsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("claude-3-5-haiku", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alerts_say_honestly_that_no_channel_is_configured_yet()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.SignInAsync(fixture.Server.ReadKey);

        foreach (var name in (string[])["alerts"])
        {
            await page.GetByTestId("nav-" + name).ClickAsync();
            await page.WaitForURLAsync("**/" + name + "**");
            var text = await DashboardPages.TextAsync(page, "channels-empty");
            Assert.Contains("nobody is notified", text, StringComparison.OrdinalIgnoreCase);
        }

        await page.GetByTestId("nav-security").ClickAsync();
        await page.WaitForURLAsync("**/security**");
        Assert.True(
            await page.GetByTestId("findings-empty").CountAsync() + await page.GetByTestId("findings-table").CountAsync() == 1,
            "the security page shows either its empty state or its findings");
    }
}
