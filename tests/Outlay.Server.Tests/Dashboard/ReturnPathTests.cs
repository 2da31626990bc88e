using System.Net;
using Outlay.Core.Keys;
using Outlay.Server.Dashboard.Sessions;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>Sign-in's <c>return</c> parameter only ever leads to a path on this server.</summary>
public sealed class ReturnPathTests
{
    [Theory]
    [InlineData("/explore?group=model&range=7d", "/explore?group=model&range=7d")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("\\\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/ok\\..\\x", "/")]
    [InlineData("/a\r\nLocation: https://evil.example", "/")]
    [InlineData("/a b", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    [InlineData("/signin?return=//evil.example", "/")]
    public void Only_local_paths_are_kept(string? candidate, string expected) =>
        Assert.Equal(expected, ReturnPath.Sanitize(candidate));

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_off_the_server(string attempt)
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);

        using var response = await browser.SignInAsync(key, attempt);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_signed_out_visit_is_sent_to_sign_in_and_back_to_the_same_page()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);

        using var visit = await browser.GetPageAsync("/security?tz=Europe/Berlin");
        Assert.Equal(HttpStatusCode.SeeOther, visit.StatusCode);
        var signInPath = visit.Headers.Location!.OriginalString;
        Assert.Equal("/signin?return=" + Uri.EscapeDataString("/security?tz=Europe/Berlin"), signInPath);
        var form = await browser.GetHtmlAsync(signInPath);
        using var signedIn = await browser.PostFormAsync("/signin", [
            new("_csrf", DashboardBrowser.ReadCsrfToken(form)!),
            new("return", DashboardBrowser.ReadHiddenField(form, "return")!),
            new("key", key),
        ]);

        Assert.Equal("/security?tz=Europe/Berlin", signedIn.Headers.Location?.OriginalString);
    }
}
