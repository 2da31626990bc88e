using Microsoft.Playwright;
using Outlay.Core.Findings;
using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>
/// The Security page in a real browser: a seeded finding explains itself, an admin acknowledges it with the keyboard
/// and sees its status change, a read session sees no review buttons, and a key label opens its where view — with no
/// console error and no CSP violation.
/// </summary>
public sealed class SecurityPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task An_admin_acknowledges_a_finding_by_keyboard_and_opens_a_labels_where_view()
    {
        // Created before anything is seeded, so a missing Chromium skips before the shared server is changed.
        await using var session = await fixture.StartSessionAsync();
        var ct = TestContext.Current.CancellationToken;
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var recorded = await fixture.Server.App.Store.RecordFindingAsync(
            new FindingObservation(
                fixture.Server.ProjectId,
                FindingKinds.NewInstance,
                FindingSeverity.Warning,
                "new_instance|openai-prod|browser-pod-9",
                "openai-prod|browser-pod-9",
                "Key label openai-prod used from a new instance browser-pod-9",
                "The label has 7 days of history and was never seen on this instance.",
                new FindingPlace(KeyLabel: "openai-prod", Service: "checkout-api", Environment: "prod", Instance: "browser-pod-9"),
                "instances seen before: 3",
                "browser-pod-9 first seen " + at.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                null,
                at),
            ct);
        var id = recorded.Finding.Id;

        var reader = await session.SignInAsync(fixture.Server.ReadKey, "/security");
        await PageChecks.OpenAsync(reader, "/security");
        await reader.Locator($"#finding-{id}").WaitForAsync();
        Assert.Equal(0, await reader.Locator("form[action^='/security/findings/']").CountAsync());
        await reader.CloseAsync();

        var page = await session.SignInAsync(fixture.Server.AdminKey, "/security");
        await PageChecks.OpenAsync(page, "/security?status=open");
        var row = page.Locator($"#finding-{id}");
        Assert.Equal("Key label openai-prod used from a new instance browser-pod-9", await row.GetByTestId("finding-summary").InnerTextAsync());
        Assert.Contains("instance browser-pod-9", await row.GetByTestId("finding-where").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("instances seen before: 3", await row.GetByTestId("finding-expected").InnerTextAsync());
        Assert.Equal("open", (await row.GetByTestId("finding-status").InnerTextAsync()).Trim());

        // Keyboard only: focus the button, press Enter; the form posts with its CSRF token and the page comes back.
        // Locator.PressAsync focuses and presses in one step, so a slow machine cannot move focus in between.
        await row.GetByTestId("finding-acknowledge").PressAsync("Enter");
        await page.WaitForURLAsync($"**/security?status=open#finding-{id}");
        await PageChecks.OpenAsync(page, "/security?status=acknowledged");
        var acknowledged = page.Locator($"#finding-{id}");
        Assert.Equal("acknowledged", (await acknowledged.GetByTestId("finding-status").InnerTextAsync()).Trim());
        Assert.Equal(1, await acknowledged.GetByTestId("finding-reopen").CountAsync());
        Assert.Equal(FindingStatus.Acknowledged, (await fixture.Server.App.Store.GetFindingAsync(fixture.Server.ProjectId, id, ct))!.Status);
        await PageChecks.AssertNoInlineCodeAndStyledAsync(page);
        await BrowserSession.SaveScreenshotsAsync(page, "security");

        // The finding's key label opens where that credential is used.
        await acknowledged.GetByTestId("finding-label").ClickAsync();
        await page.WaitForURLAsync("**/security/credential?label=openai-prod");
        await page.Locator("main#main").WaitForAsync();
        Assert.Equal("openai-prod", await page.GetByTestId("where-label").InnerTextAsync());
        var places = page.GetByTestId("place");
        Assert.True(await places.CountAsync() >= 2, "the seeded checkout-api workloads use openai-prod with two models");
        Assert.Contains("checkout-api", await page.GetByTestId("places-table").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AssertNoInlineCodeAndStyledAsync(page);
        await BrowserSession.SaveScreenshotsAsync(page, "security-where");

        // And back through the credentials list.
        await page.GetByTestId("back-to-security").ClickAsync();
        await page.WaitForURLAsync("**/security");
        await page.Locator("[data-testid='credential'][data-label='openai-prod'] [data-testid='credential-link']").WaitForAsync();
        Assert.Equal("active", await page.Locator("[data-testid='credential'][data-label='openai-prod'] [data-testid='credential-state']").InnerTextAsync());
        session.AssertOnlyOwnOriginAndClean();
    }
}
