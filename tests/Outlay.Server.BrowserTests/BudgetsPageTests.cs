using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Outlay.Core.Budgets;
using Outlay.Core.Querying;
using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>
/// The Budgets page in a real browser: progress bars and forecasts for budgets over the seeded history (the same numbers
/// as the API), an admin adding and deleting a budget through the forms, and a read session that sees no forms.
/// </summary>
public sealed class BudgetsPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Seeded_budgets_show_progress_bars_and_forecasts_and_a_read_session_sees_no_forms()
    {
        // Created before the browser starts, so a missing Chromium skips before the shared server is changed.
        await using var session = await fixture.StartSessionAsync();
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var tiny = BudgetParser.Parse(new BudgetDraft("Browser tiny", "0.000001", "month", "UTC", null, null, null), "bud-browser-tiny", fixture.Server.ProjectId, now);
        var large = BudgetParser.Parse(new BudgetDraft("Browser large", "1000000", "week", "Europe/Berlin", null, null, [25, 100]), "bud-browser-large", fixture.Server.ProjectId, now);
        await fixture.Server.App.Store.AddBudgetAsync(tiny, ct);
        await fixture.Server.App.Store.AddBudgetAsync(large, ct);
        try
        {
            var page = await session.SignInAsync(fixture.Server.ReadKey);
            await page.GetByTestId("nav-budgets").ClickAsync();
            await page.WaitForURLAsync("**/budgets**");
            await PageChecks.OpenAsync(page, "/budgets");

            foreach (var budget in new[] { tiny, large })
            {
                var card = page.Locator($"article[data-budget-id='{budget.Id}']");
                using var api = JsonDocument.Parse(await fixture.Server.GetApiTextAsync("/api/v1/budgets/" + budget.Id, ct));
                var evaluation = api.RootElement.GetProperty("evaluation");
                var percentage = evaluation.GetProperty("percentage").GetDecimal();

                Assert.Equal(budget.Name, await card.GetByTestId("budget-name").InnerTextAsync());
                Assert.Equal(evaluation.GetProperty("state").GetString(), await card.GetByTestId("budget-state").InnerTextAsync());
                Assert.Equal(UsdText.FormatNano(budget.AmountNanoUsd), await card.GetByTestId("budget-amount").InnerTextAsync());
                var bar = card.GetByTestId("budget-progress");
                Assert.Equal("100", await bar.GetAttributeAsync("max"));
                Assert.Equal(
                    Math.Min(percentage, 100m).ToString("0.##", CultureInfo.InvariantCulture),
                    await bar.GetAttributeAsync("value"));
                Assert.True(await bar.IsVisibleAsync());
                var forecast = await card.GetByTestId("budget-forecast").InnerTextAsync();
                Assert.False(string.IsNullOrWhiteSpace(forecast));
            }

            // The seeded week of spend is far over a one-nano-dollar budget, and projected past it.
            var tinyCard = page.Locator($"article[data-budget-id='{tiny.Id}']");
            Assert.Equal("exceeded", await tinyCard.GetByTestId("budget-state").InnerTextAsync());
            Assert.StartsWith("Forecast: ", await tinyCard.GetByTestId("budget-forecast").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("25%, 100%", await page.Locator($"article[data-budget-id='{large.Id}']").GetByTestId("budget-thresholds").InnerTextAsync(), StringComparison.Ordinal);

            // A read session sees no add or delete forms.
            Assert.Equal(0, await page.GetByTestId("add-budget-form").CountAsync());
            Assert.Equal(0, await page.GetByTestId("delete-budget").CountAsync());

            await PageChecks.AssertNoInlineCodeAndStyledAsync(page);
            await BrowserSession.SaveScreenshotsAsync(page, "budgets");
            session.AssertOnlyOwnOriginAndClean();
        }
        finally
        {
            await fixture.Server.App.Store.DeleteBudgetAsync(fixture.Server.ProjectId, tiny.Id, ct);
            await fixture.Server.App.Store.DeleteBudgetAsync(fixture.Server.ProjectId, large.Id, ct);
        }
    }

    [Fact]
    public async Task An_admin_adds_a_budget_with_the_form_and_deletes_it_through_the_confirm_dialog()
    {
        await using var session = await fixture.StartSessionAsync();
        var page = await session.SignInAsync(fixture.Server.AdminKey, "/budgets");
        var name = "Form made " + Guid.NewGuid().ToString("N")[..6];

        await page.Locator("#budget-name").FillAsync(name);
        await page.Locator("#budget-amount").FillAsync("25");
        await page.Locator("#budget-period").SelectOptionAsync("week");
        await page.Locator("#budget-time-zone").FillAsync("Europe/Berlin");
        await page.Locator("#budget-thresholds").FillAsync("40, 90");
        await page.Locator("#budget-scope").FillAsync("environment:prod");
        await page.GetByTestId("add-budget").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        var card = page.GetByTestId("budget").Filter(new LocatorFilterOptions { HasText = name });
        await card.WaitForAsync();
        var id = await card.GetAttributeAsync("data-budget-id");
        Assert.False(string.IsNullOrEmpty(id));
        Assert.StartsWith("Calendar week (Monday first), Europe/Berlin", await card.GetByTestId("budget-period").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("$25.00", await card.GetByTestId("budget-amount").InnerTextAsync());
        Assert.Contains("environment:prod", await card.GetByTestId("budget-scope").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("40%, 90%", await card.GetByTestId("budget-thresholds").InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotNull(await fixture.Server.App.Store.GetBudgetAsync(fixture.Server.ProjectId, id!, TestContext.Current.CancellationToken));
        await BrowserSession.SaveScreenshotsAsync(page, "budgets-admin");

        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await card.GetByTestId("delete-budget").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await page.Locator($"article[data-budget-id='{id}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        Assert.Contains(name, Assert.Single(dialogs), StringComparison.Ordinal);
        Assert.Null(await fixture.Server.App.Store.GetBudgetAsync(fixture.Server.ProjectId, id!, TestContext.Current.CancellationToken));
        session.AssertOnlyOwnOriginAndClean();
    }
}
