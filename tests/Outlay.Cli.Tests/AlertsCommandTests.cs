using System.Text;
using System.Text.Json;
using System.Security.Cryptography;
using Outlay.Storage.Sqlite;

namespace Outlay.Cli.Tests;

/// <summary>
/// <c>outlay alerts channels</c>: add (a webhook's secret printed once), list (redacted, never the URL or secret),
/// test and remove against a store, sealed with the key <c>outlay serve</c> would use, with option-named errors.
/// </summary>
public sealed class AlertsCommandTests
{
    private const string Url = "https://alerts.example.com/plainsecretpath/in";

    [Fact]
    public async Task Add_list_test_and_remove_a_webhook_channel_whose_secret_is_printed_once_and_sealed_in_the_store()
    {
        using var store = new TempStore();
        var ct = TestContext.Current.CancellationToken;

        var added = await CliRun.InvokeAsync("alerts", "channels", "add", "--store", store.Spec, "--project", "shop", "--name", "Hook", "--kind", "webhook", "--url", Url, "--json");
        Assert.Equal(0, added.ExitCode);
        using var addedJson = JsonDocument.Parse(added.Json);
        var secret = addedJson.RootElement.GetProperty("signing_secret").GetString()!;
        var id = addedJson.RootElement.GetProperty("channel").GetProperty("id").GetString()!;
        var human = await CliRun.InvokeAsync("alerts", "channels", "add", "--store", store.Spec, "--project", "shop", "--name", "Mail", "--kind", "email", "--recipient", "ops@example.com", "--recipient", "dev@example.com");
        var listed = await CliRun.InvokeAsync("alerts", "channels", "list", "--store", store.Spec, "--project", "shop", "--json");
        var table = await CliRun.InvokeAsync("alerts", "channels", "list", "--store", store.Spec, "--project", "shop");
        var tested = await CliRun.InvokeAsync("alerts", "channels", "test", id, "--store", store.Spec, "--project", "shop", "--json");

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("o…@example.com, d…@example.com", human.Human, StringComparison.Ordinal);
        using var listJson = JsonDocument.Parse(listed.Json);
        Assert.Equal(["webhook", "email"], listJson.RootElement.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal("https://alerts.example.com/…/…/in", listJson.RootElement.GetProperty("channels")[0].GetProperty("target").GetString());
        foreach (var output in new[] { listed.Json, table.Human, human.Human })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
            Assert.DoesNotContain("plainsecretpath", output, StringComparison.Ordinal);
            Assert.DoesNotContain("ops@example.com", output, StringComparison.Ordinal);
        }

        Assert.Equal(0, tested.ExitCode);
        Assert.Equal("pending", JsonDocument.Parse(tested.Json).RootElement.GetProperty("state").GetString());

        // The key where `outlay serve` looks for it opens what the CLI sealed, in the documented format:
        // version 1 | 12-byte nonce | 16-byte tag | AES-256-GCM ciphertext, associated data = version + channel id.
        await using (var opened = SqliteOutlayStore.Open(store.FilePath))
        {
            await opened.InitializeAsync(ct);
            var project = (await opened.FindProjectAsync("shop", ct))!.Id;
            var sealedBytes = (await opened.GetAlertChannelAsync(project, id, ct))!.SealedSettings;
            var key = Convert.FromBase64String((await File.ReadAllTextAsync(store.FilePath + ".key", ct)).Trim());
            var plaintext = new byte[sealedBytes.Length - 29];
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(sealedBytes.AsSpan(1, 12), sealedBytes.AsSpan(29), sealedBytes.AsSpan(13, 16), plaintext, [1, .. Encoding.UTF8.GetBytes(id)]);
            using var settings = JsonDocument.Parse(plaintext);
            Assert.Equal(1, sealedBytes[0]);
            Assert.Equal(Url, settings.RootElement.GetProperty("url").GetString());
            Assert.Equal(secret, settings.RootElement.GetProperty("signing_secret").GetString());
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(-1, File.ReadAllBytes(store.FilePath).AsSpan().IndexOf(Encoding.UTF8.GetBytes("plainsecretpath")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath + ".key"));
        }

        Assert.Equal(0, (await CliRun.InvokeAsync("alerts", "channels", "remove", id, "--store", store.Spec, "--project", "shop")).ExitCode);
        var again = await CliRun.InvokeAsync("alerts", "channels", "remove", id, "--store", store.Spec, "--project", "shop");
        Assert.Equal(1, again.ExitCode);
    }

    [Theory]
    [InlineData("slack", "--url", "http://hooks.slack.com/services/x", "--url:")]
    [InlineData("webhook", "--url", "https://user:pw@example.com/h", "--url:")]
    [InlineData("email", "--recipient", "not-an-address", "--recipient:")]
    [InlineData("pager", "--url", "https://example.com/h", "--kind:")]
    public async Task Invalid_options_are_named_without_echoing_the_value(string kind, string option, string value, string named)
    {
        using var store = new TempStore();

        var run = await CliRun.InvokeAsync("alerts", "channels", "add", "--store", store.Spec, "--name", "c", "--kind", kind, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(value, run.Error, StringComparison.Ordinal);
    }
}
