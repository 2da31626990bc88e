using System.Net;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>Every signed-in state change needs this session's CSRF token and a same-origin request.</summary>
public sealed class CsrfTests
{
    [Fact]
    public async Task A_key_is_created_only_with_the_sessions_own_token_from_this_origin()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        using var browser = new DashboardBrowser(server);
        using var other = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(admin);
        await other.SignInOrFailAsync(admin);
        await browser.GetHtmlAsync("/keys");
        await other.GetHtmlAsync("/keys");
        var token = browser.CsrfToken!;
        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);

        var refused = new List<HttpResponseMessage>
        {
            await browser.PostFormAsync("/keys", [new("kind", "read")]),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", string.Empty)]),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token[..^1])]),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", other.CsrfToken!)]),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token), new("_csrf", token)]),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token)], new Dictionary<string, string> { ["Origin"] = "https://evil.example" }),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token)], new Dictionary<string, string> { ["Origin"] = "null" }),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token)], new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-site" }),
            await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token)], new Dictionary<string, string> { ["Origin"] = "null", ["Sec-Fetch-Site"] = "cross-site" }),
        };

        // Chromium sends "Origin: null" for its own forms under no-referrer; Sec-Fetch-Site vouches for them.
        var nullOrigin = await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token)], new Dictionary<string, string> { ["Origin"] = "null", ["Sec-Fetch-Site"] = "same-origin" });
        Assert.Equal(HttpStatusCode.Created, nullOrigin.StatusCode);
        nullOrigin.Dispose();
        var accepted = await browser.PostFormAsync("/keys", [new("kind", "read"), new("_csrf", token)], new Dictionary<string, string> { ["Origin"] = origin, ["Sec-Fetch-Site"] = "same-origin" });

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var keys = await server.App.Store.ListKeysAsync(project, TestContext.Current.CancellationToken);
        Assert.Equal(3, keys.Count);
        foreach (var response in refused.Append(accepted))
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_json_or_oversized_post_is_refused_before_the_handler()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        await browser.GetHtmlAsync("/keys");

        using var json = await browser.Http.PostAsync("/keys", new StringContent("{\"kind\":\"read\"}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var huge = await browser.PostWithCsrfAsync("/keys", ("kind", "read"), ("name", new string('n', 20_000)));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Single(await server.App.Store.ListKeysAsync(project, TestContext.Current.CancellationToken));
    }
}
