using System.Net;
using System.Security.Cryptography;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// A secret key file the server refuses (here: readable by its group) makes adding a channel answer a clear 503 naming
/// the file and the fix, through the API and the dashboard form, without any key material; fixing the file is enough.
/// </summary>
public sealed class SecretKeyProblemTests
{
    [Fact]
    public async Task A_group_readable_key_file_answers_503_naming_the_file_and_the_fix_and_chmod_600_makes_adding_work()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var keyText = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyFolder = Directory.CreateTempSubdirectory("outlay-key-problem-");
        var keyPath = Path.Combine(keyFolder.FullName, "alerts.key");
        await File.WriteAllTextAsync(keyPath, keyText + "\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        await using var server = await RunningServer.StartAsync(o =>
        {
            o.AlertDeliveryInterval = TimeSpan.FromHours(1);
            o.SecretKeyPath = keyPath;
        });
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var channel = new { name = "Mail", kind = "email", recipients = new[] { "ops@example.com" } };

        using var refused = await AlertChannelApiTests.PostAsync(server, admin, channel);
        var problem = await ApiJson.ReadAsync(refused);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(admin);
        await browser.GetHtmlAsync("/alerts"); // the form's page, whose CSRF token the post carries
        using var refusedForm = await browser.PostWithCsrfAsync("/alerts/channels", ("name", "Mail"), ("kind", "email"), ("url", string.Empty), ("recipients", "ops@example.com"));
        var formHtml = WebUtility.HtmlDecode(await refusedForm.Content.ReadAsStringAsync(ct));
        var storedWhileRefused = await server.App.Store.ListAlertChannelsAsync(project, ct);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var accepted = await AlertChannelApiTests.PostAsync(server, admin, channel);

        var expected = $"The alert secret key at {keyPath} cannot be used: The secret key file {keyPath} may be read or changed by other users; make it private (chmod 600) or set OUTLAY_SECRET_KEY.";
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedForm.StatusCode);
        Assert.Contains(expected, formHtml, StringComparison.Ordinal);
        Assert.Empty(storedWhileRefused);
        foreach (var text in new[] { problem.GetRawText(), formHtml, server.Logs.AllText })
        {
            Assert.DoesNotContain(keyText, text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Single(await server.App.Store.ListAlertChannelsAsync(project, ct));
        keyFolder.Delete(recursive: true);
    }
}
