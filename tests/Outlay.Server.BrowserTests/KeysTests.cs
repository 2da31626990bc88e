using Microsoft.Playwright;
using Outlay.Server.BrowserTests.Support;

namespace Outlay.Server.BrowserTests;

/// <summary>The keys page in a real browser: a key is shown once, works at once, and stops working when revoked.</summary>
public sealed class KeysTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task An_admin_creates_a_read_key_that_signs_in_and_revoking_it_refuses_it()
    {
        await using var admin = await fixture.StartSessionAsync();
        var page = await admin.SignInAsync(fixture.Server.AdminKey, "/keys");
        Assert.Equal("/keys", new Uri(page.Url).AbsolutePath);

        // Create with the form: kind and name, then the secret is shown once.
        var name = "browser-made-" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Kind").SelectOptionAsync("read");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByTestId("create-key").ClickAsync();
        var secret = await DashboardPages.TextAsync(page, "key-secret");
        Assert.StartsWith("olk_read_", secret, StringComparison.Ordinal);

        // Shown once: the list no longer holds it, but lists the key by name.
        await page.GotoAsync("/keys");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.GetByTestId("keys-table").Locator("tr", new LocatorLocatorOptions { HasText = name });
        var keyId = await row.GetAttributeAsync("data-key-id");
        Assert.False(string.IsNullOrEmpty(keyId));

        // The new key signs in elsewhere, as a read session that cannot manage keys.
        await using (var reader = await fixture.StartSessionAsync())
        {
            var readerPage = await reader.SignInAsync(secret);
            Assert.Equal("/", new Uri(readerPage.Url).AbsolutePath);
            Assert.NotNull(await DashboardPages.SessionCookieAsync(reader.Context));

            var keys = await readerPage.GotoAsync("/keys");
            Assert.NotNull(keys);
            Assert.Equal(403, keys.Status);
            await readerPage.GetByTestId("error-page").WaitForAsync();
            Assert.Equal(0, await readerPage.GetByTestId("create-key-form").CountAsync());
        }

        // Revoke through the confirm dialog, which the page's script raises.
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await page.GetByTestId("revoke-" + keyId).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var revokedDialog = Assert.Single(dialogs);
        Assert.Contains(keyId!, revokedDialog, StringComparison.Ordinal);
        await page.GotoAsync("/keys");
        Assert.Contains("revoked", await page.GetByTestId("keys-table").Locator($"tr[data-key-id='{keyId}']").InnerTextAsync(), StringComparison.Ordinal);

        // Now it is refused at sign-in, with no session.
        await using var refused = await fixture.StartSessionAsync();
        var refusedPage = await refused.SignInAsync(secret);
        Assert.Equal("That key is not valid.", await DashboardPages.TextAsync(refusedPage, "signin-error"));
        Assert.Null(await DashboardPages.SessionCookieAsync(refused.Context));
    }

    [Fact]
    public async Task Dismissing_the_confirm_dialog_keeps_the_key()
    {
        await using var admin = await fixture.StartSessionAsync();
        var page = await admin.SignInAsync(fixture.Server.AdminKey, "/keys");
        var keyId = await page.GetByTestId("keys-table").Locator("tr", new LocatorLocatorOptions { HasText = "browser ingest" }).GetAttributeAsync("data-key-id");
        Assert.False(string.IsNullOrEmpty(keyId));

        var dismissed = 0;
        page.Dialog += async (_, dialog) =>
        {
            dismissed++;
            await dialog.DismissAsync();
        };
        await page.GetByTestId("revoke-" + keyId).ClickAsync();

        Assert.Equal(1, dismissed);
        await page.GotoAsync("/keys");
        Assert.DoesNotContain("revoked", await page.GetByTestId("keys-table").Locator($"tr[data-key-id='{keyId}']").InnerTextAsync(), StringComparison.Ordinal);
    }
}
