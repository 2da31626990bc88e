using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Outlay.Core.Querying;
using Outlay.Server.BrowserTests.Support;
using Outlay.Testing;

namespace Outlay.Server.BrowserTests;

/// <summary>Explore driven like a person would: the form by mouse and keyboard, sorting, the URL, and the CSV export.</summary>
public sealed class ExploreTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Day(int daysFromToday) =>
        DateTime.UtcNow.Date.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Grouping_and_range_change_through_the_form_by_mouse_and_keyboard_and_the_URL_reproduces_the_view()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.SignInAsync(fixture.Server.ReadKey, "/explore");
        await page.GetByTestId("explore-table").WaitForAsync();

        // Mouse: group by model over 30 days, show. (The seed spans 8 days, so a rolling 30-day window holds all of it
        // whichever hour the page and the API each round to.)
        await page.GetByLabel("Group by", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("model");
        await page.GetByLabel("Range", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("30d");
        await page.GetByTestId("explore-submit").ClickAsync();
        await page.WaitForURLAsync("**/explore?*by=model*range=30d*");
        var apiModels = await fixture.Server.GetSpendAsync("from=30d&groupBy=model", Ct);
        Assert.Equal(Column(apiModels, "model"), await FirstColumnAsync(page));
        Assert.Equal(UsdText.Format(apiModels.GetProperty("total_cost_usd").GetDecimal()), await DashboardPages.TextAsync(page, "explore-total"));

        // Keyboard only: arrow keys in the selects, then Enter on the button.
        await SelectByKeyboardAsync(page, "Group by", "service");
        await SelectByKeyboardAsync(page, "Range", "mtd");
        await page.GetByTestId("explore-submit").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/explore?*by=service*range=mtd*");
        var apiServices = await fixture.Server.GetSpendAsync($"from={DateTime.UtcNow:yyyy-MM-01}&timeZone=UTC&groupBy=service", Ct);
        Assert.Equal(Column(apiServices, "service"), await FirstColumnAsync(page));

        // And a tag: customers over the last 30 days (a window that holds the whole seed, so a reload cannot shift it).
        await page.GetByLabel("Group by", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("tag.customer");
        await page.GetByLabel("Range", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("30d");
        await page.GetByTestId("explore-submit").ClickAsync();
        await page.WaitForURLAsync("**/explore?*by=tag.customer*range=30d*");
        var customers = await FirstColumnAsync(page);
        Assert.Equal(SeedData.Customers.Order(StringComparer.Ordinal), customers.Order(StringComparer.Ordinal));

        // The URL is the view: a reload and a fresh tab show the same table.
        var table = await page.GetByTestId("explore-table").InnerTextAsync();
        await page.ReloadAsync();
        Assert.Equal(table, await page.GetByTestId("explore-table").InnerTextAsync());
        var second = await session.NewPageAsync();
        await second.GotoAsync(page.Url);
        Assert.Equal(table, await second.GetByTestId("explore-table").InnerTextAsync());
        Assert.Equal("tag.customer", await second.GetByLabel("Group by", new PageGetByLabelOptions { Exact = true }).InputValueAsync());
        Assert.Equal("30d", await second.GetByLabel("Range", new PageGetByLabelOptions { Exact = true }).InputValueAsync());
    }

    [Fact]
    public async Task Sorting_by_cost_orders_the_rows_both_ways()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.SignInAsync(fixture.Server.ReadKey, "/explore?by=model&by=service&range=30d");
        await page.GetByTestId("explore-table").WaitForAsync();
        var descending = await CostColumnAsync(page);
        Assert.True(descending.Count >= SeedData.Workloads.Count, "the view should list every seeded model");
        Assert.Equal(descending.OrderDescending().ToList(), descending);

        await page.GetByTestId("sort-cost").ClickAsync();
        await page.WaitForURLAsync("**/explore?*dir=asc*");
        Assert.Equal("ascending", await page.Locator("th[aria-sort]").GetAttributeAsync("aria-sort"));
        var ascending = await CostColumnAsync(page);
        Assert.Equal(descending.Order().ToList(), ascending);

        // Sorting by a text column works too, and keeps the same rows.
        await page.GetByTestId("sort-model").ClickAsync();
        await page.WaitForURLAsync("**/explore?*sort=model*");
        var models = await FirstColumnAsync(page);
        Assert.Equal(models.Order(StringComparer.Ordinal).ToList(), models);
        Assert.Equal(descending.Count, models.Count);
    }

    [Fact]
    public async Task The_downloaded_CSV_equals_the_API_to_the_nano_dollar()
    {
        await using var session = await fixture.StartSessionAsync();
        var view = $"/explore?by=model&by=tag.customer&range=custom&from={Day(-9)}&to={Day(0)}";
        var page = await session.SignInAsync(fixture.Server.ReadKey, view);
        await page.GetByTestId("explore-table").WaitForAsync();
        var shownRows = await page.GetByTestId("explore-table").Locator("tbody tr").CountAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var csv = CsvText.Parse(await File.ReadAllTextAsync(path, Ct));

        // The same question of the API: whole UTC days from the first through the last date.
        var api = await fixture.Server.GetSpendAsync($"from={Day(-9)}&to={Day(1)}&timeZone=UTC&groupBy=model,tag.customer", Ct);
        var apiRows = api.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["model", "tag.customer", .. SpendCsv.MetricColumns], csv[0]);
        var data = csv.Skip(1).ToList();
        Assert.True(data.Count > SeedData.Workloads.Count, "the export should hold a row per model and customer");
        Assert.Equal(apiRows.Count, data.Count);
        Assert.Equal(shownRows, data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var cells = data[i];
            var want = apiRows[i];
            Assert.Equal(want.GetProperty("model").GetString(), cells[0]);
            Assert.Equal(want.GetProperty("tag.customer").GetString() ?? string.Empty, cells[1]);
            Assert.Equal(want.GetProperty("cost_usd").GetDecimal(), decimal.Parse(cells[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
            Assert.Equal(want.GetProperty("events").GetInt64(), long.Parse(cells[3], CultureInfo.InvariantCulture));
            Assert.Equal(want.GetProperty("unpriced_events").GetInt64(), long.Parse(cells[4], CultureInfo.InvariantCulture));
            Assert.Equal(want.GetProperty("input_tokens").GetInt64(), long.Parse(cells[5], CultureInfo.InvariantCulture));
            Assert.Equal(want.GetProperty("output_tokens").GetInt64(), long.Parse(cells[6], CultureInfo.InvariantCulture));
            Assert.Equal(want.GetProperty("cache_read_tokens").GetInt64(), long.Parse(cells[7], CultureInfo.InvariantCulture));
        }

        var total = api.GetProperty("total_cost_usd").GetDecimal();
        Assert.True(total > 0m);
        Assert.Equal(total, data.Sum(r => decimal.Parse(r[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
        Assert.Equal(UsdText.Format(total), await DashboardPages.TextAsync(page, "explore-total"));
        Assert.Contains(data, r => r[0] == SeedData.UnpricedModel && r[2] == "0" && long.Parse(r[4], CultureInfo.InvariantCulture) > 0);

        // The JSON export is the API's own document for the same question.
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-json").ClickAsync());
        using var exported = JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync(), Ct));
        Assert.Equal(api.GetProperty("rows").GetRawText(), exported.RootElement.GetProperty("rows").GetRawText());
        Assert.Equal(total, exported.RootElement.GetProperty("total_cost_usd").GetDecimal());
        await BrowserSession.SaveScreenshotsAsync(page, "explore-model-customer");
    }

    [Fact]
    public async Task Switching_the_time_zone_changes_the_shown_zone_and_the_day_buckets()
    {
        await using var session = await fixture.StartSessionAsync();
        var view = $"/explore?range=custom&from={Day(-4)}&to={Day(-2)}&interval=day&sort=bucket&dir=asc";
        var page = await session.SignInAsync(fixture.Server.ReadKey, view);
        await page.GetByTestId("explore-table").WaitForAsync();
        Assert.Contains("UTC", await DashboardPages.TextAsync(page, "time-zone"), StringComparison.Ordinal);
        var utcBuckets = await BucketsAsync(page);
        Assert.Equal(3, utcBuckets.Count);
        Assert.All(utcBuckets, b => Assert.EndsWith("T00:00:00Z", b.Instant, StringComparison.Ordinal));

        // Keyboard: pick Tokyo in the header's select; the page script submits it.
        await page.GetByTestId("tz-select").FocusAsync();
        await page.GetByTestId("tz-select").SelectOptionAsync("Asia/Tokyo");
        await page.WaitForURLAsync("**tz=Asia%2FTokyo**");
        await page.GetByTestId("explore-table").WaitForAsync();
        var zoneText = await DashboardPages.TextAsync(page, "time-zone");
        Assert.Contains("Asia/Tokyo", zoneText, StringComparison.Ordinal);
        Assert.Contains("+09:00", zoneText, StringComparison.Ordinal);

        // Tokyo's days start at 15:00 UTC the day before, and hold what the API says Tokyo's days hold.
        var tokyoBuckets = await BucketsAsync(page);
        Assert.Equal(3, tokyoBuckets.Count);
        Assert.All(tokyoBuckets, b => Assert.EndsWith("T15:00:00Z", b.Instant, StringComparison.Ordinal));
        var api = await fixture.Server.GetSpendAsync($"from={Day(-4)}&to={Day(-1)}&interval=day&timeZone=Asia/Tokyo", Ct);
        var apiDays = api.GetProperty("rows").EnumerateArray()
            .OrderBy(r => r.GetProperty("bucket").GetString(), StringComparer.Ordinal)
            .Select(r => UsdText.Format(r.GetProperty("cost_usd").GetDecimal()))
            .ToList();
        Assert.Equal(apiDays, tokyoBuckets.Select(b => b.Cost).ToList());
        Assert.NotEqual(utcBuckets.Select(b => b.Cost).ToList(), tokyoBuckets.Select(b => b.Cost).ToList());

        // The choice sticks for the next page (cookie) and links keep it.
        await page.GetByTestId("nav-overview").ClickAsync();
        Assert.Contains("Asia/Tokyo", await DashboardPages.TextAsync(page, "time-zone"), StringComparison.Ordinal);
        await BrowserSession.SaveScreenshotsAsync(page, "overview-tokyo");
    }

    private static List<string> Column(JsonElement spend, string dimension) =>
        spend.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty(dimension).GetString() ?? "(not set)").ToList();

    private static async Task<List<string>> FirstColumnAsync(IPage page) =>
        (await page.GetByTestId("explore-table").Locator("tbody tr > :first-child").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    private static async Task<List<decimal>> CostColumnAsync(IPage page)
    {
        // The cost column is the first numeric cell of each row.
        var cells = await page.GetByTestId("explore-table").Locator("tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.querySelector('td.num').textContent)");
        return cells.Select(MoneyCell.Parse).ToList();
    }

    /// <summary>Each row's bucket instant and its cost exactly as shown.</summary>
    private static async Task<List<(string Instant, string Cost)>> BucketsAsync(IPage page)
    {
        var rows = await page.GetByTestId("explore-table").Locator("tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('time').getAttribute('datetime'), r.querySelector('td.num').textContent.trim()])");
        return rows.Select(r => (r[0], r[1])).ToList();
    }

    // Arrow keys rather than type-ahead: Chromium forgets typed letters after a second, which a loaded CI machine can
    // exceed between keystrokes and so land on another option.
    private static async Task SelectByKeyboardAsync(IPage page, string label, string value)
    {
        var select = page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });
        var index = await select.EvaluateAsync<int>("(s, v) => Array.from(s.options).findIndex(o => o.value === v)", value);
        Assert.True(index >= 0, $"{label} has no option {value}");
        await select.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        for (var i = 0; i < index; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Equal(value, await select.InputValueAsync());
    }
}
