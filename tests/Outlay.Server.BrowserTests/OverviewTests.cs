using System.Globalization;
using Outlay.Core.Querying;
using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>The overview a read session sees: the seeded spend, with the same figures the spend API answers.</summary>
public sealed class OverviewTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task The_overview_shows_the_seeded_spend_with_the_API_figures()
    {
        await using var session = await fixture.StartSessionAsync();
        var ct = TestContext.Current.CancellationToken;
        var page = await session.SignInAsync(fixture.Server.ReadKey);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var monthStart = DateTime.UtcNow.ToString("yyyy-MM-01", CultureInfo.InvariantCulture);
        var apiMonth = await fixture.Server.GetSpendAsync($"from={monthStart}&timeZone=UTC&groupBy=tag.feature", ct);
        var apiToday = await fixture.Server.GetSpendAsync($"from={today}&timeZone=UTC", ct);
        var monthUsd = apiMonth.GetProperty("total_cost_usd").GetDecimal();
        Assert.True(monthUsd > 0m, "the seed puts spend in the current month (at least today's calls)");

        // The tiles: exactly the API's totals, formatted as the CLI formats them.
        Assert.Equal(UsdText.Format(monthUsd), await DashboardPages.TextAsync(page, "spend-month"));
        Assert.Equal(UsdText.Format(apiToday.GetProperty("total_cost_usd").GetDecimal()), await DashboardPages.TextAsync(page, "spend-today"));
        var forecast = await DashboardPages.TextAsync(page, "forecast");
        Assert.StartsWith("$", forecast, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await DashboardPages.TextAsync(page, "forecast-explanation")));

        // The chart is an SVG with bars, and its legend names the seeded models.
        var chart = page.GetByTestId("chart");
        await chart.WaitForAsync();
        Assert.True(await chart.Locator("svg rect").CountAsync() > 0, "the chart has no bars");
        var chartText = await chart.InnerTextAsync();
        Assert.Contains("claude-sonnet-4-20250514", chartText, StringComparison.Ordinal);

        // Top features: the API's five costliest features of the month, in its order.
        var expectedFeatures = apiMonth.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("tag.feature").GetString() ?? "(not set)")
            .Take(5)
            .ToList();
        var shownFeatures = await page.GetByTestId("top-features").Locator("tbody th").AllInnerTextsAsync();
        Assert.Equal(expectedFeatures, shownFeatures.Select(t => t.Trim()).ToList());
        foreach (var panel in (string[])["top-customers", "top-services", "top-key-labels"])
        {
            Assert.True(await page.GetByTestId(panel).Locator("tbody tr").CountAsync() > 0, panel + " is empty");
        }

        // The unpriced model is called out, with the way to fix it.
        var unpriced = page.GetByTestId("unpriced");
        Assert.Contains("unpriced", await unpriced.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/models", await unpriced.Locator("a").GetAttributeAsync("href") ?? string.Empty, StringComparison.Ordinal);

        // Nothing of the other project.
        Assert.DoesNotContain("zz-foreign", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await BrowserSession.SaveScreenshotsAsync(page, "overview");
    }

    [Fact]
    public async Task The_hourly_chart_switch_renders_the_last_48_hours()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.SignInAsync(fixture.Server.ReadKey);

        await page.GetByTestId("chart-hour").ClickAsync();

        Assert.Contains("chart=hour", page.Url, StringComparison.Ordinal);
        Assert.Equal("true", await page.GetByTestId("chart-hour").GetAttributeAsync("aria-current"));
        var chart = page.GetByTestId("chart");
        Assert.Contains("per hour", await chart.Locator("svg").GetAttributeAsync("aria-label") ?? string.Empty, StringComparison.Ordinal);
        Assert.True(await chart.Locator("svg rect").CountAsync() > 0, "the hourly chart has no bars (today's calls are within 48 hours)");
    }
}
