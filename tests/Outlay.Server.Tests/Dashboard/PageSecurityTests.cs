using System.Net;
using System.Text.RegularExpressions;
using Outlay.Core.Alerts;
using Outlay.Core.Keys;
using Outlay.Core.Findings;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>
/// Headers, content policy and encoding of the pages this part of the dashboard renders: sign-in, keys, key created,
/// budgets, alerts, security and error pages; plus the assets they load.
/// </summary>
public sealed partial class PageSecurityTests
{
    private const string ExpectedPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    [Fact]
    public async Task Every_page_has_the_strict_policy_headers_and_no_inline_script_or_style()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        using var browser = new DashboardBrowser(server);
        var pages = new List<(string Name, HttpResponseMessage Response)> { ("signin", await browser.GetPageAsync("/signin")) };
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        foreach (var path in new[] { "/budgets", "/alerts", "/security", "/keys", "/keys?tz=Asia/Tokyo&x=%22%3E%3Cscript%3E" })
        {
            pages.Add((path, await browser.GetPageAsync(path)));
        }

        pages.Add(("created", await browser.PostWithCsrfAsync("/keys", ("kind", "read"))));
        pages.Add(("404", await browser.PostWithCsrfAsync("/keys/missing/revoke")));
        pages.Add(("csrf-403", await browser.PostFormAsync("/keys", [new("kind", "read")])));
        using var reader = new DashboardBrowser(server);
        await reader.SignInOrFailAsync(read);
        pages.Add(("read-403", await reader.GetPageAsync("/keys")));

        foreach (var (name, response) in pages)
        {
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "text/html", name);
            Assert.Equal(ExpectedPolicy, Header(response, "Content-Security-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
            Assert.Equal("same-origin", Header(response, "Cross-Origin-Resource-Policy"));
            Assert.Equal("camera=(), microphone=(), geolocation=()", Header(response, "Permissions-Policy"));
            Assert.Equal("no-store", Header(response, "Cache-Control"));
            Assert.Matches("^render;dur=[0-9]+\\.[0-9]$", Header(response, "Server-Timing"));
            Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
            Assert.Contains("<script src=\"/assets/dashboard.js\" defer=\"\"></script>", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(StyleAttributeOrElement(), html);
            Assert.DoesNotMatch(EventHandlerAttribute(), html);
            Assert.DoesNotContain("<script>", html.Replace("&lt;script&gt;", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_layout_marks_the_current_page_keeps_tz_and_offers_the_time_zone_form()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("acme");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));

        var html = await browser.GetHtmlAsync("/security?tz=Europe/Berlin&keep=me");

        Assert.Contains("<nav aria-label=\"Dashboard\"", html, StringComparison.Ordinal);
        Assert.Matches("<a href=\"/security\\?tz=Europe%2FBerlin\" aria-current=\"page\"", html);
        Assert.Contains("<a href=\"/budgets?tz=Europe%2FBerlin\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/alerts?tz=Europe%2FBerlin\"", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"keep\" value=\"me\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Europe/Berlin\" selected=\"\">", html, StringComparison.Ordinal);
        Assert.Matches("Times in Europe/Berlin, UTC(\\+|&#x2B;)0[12]:00", html);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        var remembered = await browser.GetHtmlAsync("/alerts");
        Assert.Contains("<option value=\"Europe/Berlin\" selected=\"\">", remembered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_are_listed_encoded_and_only_for_the_signed_in_project()
    {
        await using var server = await RunningServer.StartAsync();
        var projectA = await server.CreateProjectAsync("project-a");
        var projectB = await server.CreateProjectAsync("project-b");
        var ct = TestContext.Current.CancellationToken;
        await server.App.Store.RecordFindingAsync(
            new FindingObservation(
                projectA, FindingKinds.SecretInEvent, FindingSeverity.Critical, "a", "a", "tags.note <script>alert(1)</script>", "tags.note <script>alert(1)</script>",
                new FindingPlace(Service: "svc\"><img src=x>", Environment: "prod"), null, null, "keyid", DateTimeOffset.UtcNow),
            ct);
        await server.App.Store.RecordFindingAsync(
            new FindingObservation(
                projectB, FindingKinds.SecretInEvent, FindingSeverity.Critical, "b", "b", "only-in-b", "only-in-b", FindingPlace.Unknown, null, null, null, DateTimeOffset.UtcNow),
            ct);
        using var browserA = new DashboardBrowser(server);
        await browserA.SignInOrFailAsync(await server.CreateKeyAsync(projectA, ApiKeyKind.Read));
        using var browserEmpty = new DashboardBrowser(server);
        await browserEmpty.SignInOrFailAsync(await server.CreateKeyAsync(await server.CreateProjectAsync("project-c"), ApiKeyKind.Read));

        var html = await browserA.GetHtmlAsync("/security");
        var empty = await browserEmpty.GetHtmlAsync("/security");

        Assert.Contains("data-testid=\"findings-table\"", html, StringComparison.Ordinal);
        Assert.Contains("tags.note &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("svc&quot;&gt;&lt;img src=x&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("only-in-b", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"findings-empty\"", empty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"credentials-empty\"", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_page_says_no_channel_notifies_anyone_yet_and_with_no_alerts_points_to_budgets()
    {
        await using var server = await RunningServer.StartAsync();
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(await server.CreateProjectAsync("acme"), ApiKeyKind.Read));

        var html = await browser.GetHtmlAsync("/alerts");

        Assert.Contains("data-testid=\"channels-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("nobody is notified", html, StringComparison.Ordinal);
        Assert.DoesNotContain("add-channel-form", html, StringComparison.Ordinal); // a read session gets no forms
        Assert.Contains("data-testid=\"alerts-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/budgets\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_page_lists_this_projects_fired_alerts_encoded_and_never_another_projects()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var acme = await server.CreateProjectAsync("acme");
        var other = await server.CreateProjectAsync("other");
        var at = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        var period = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(await server.App.Store.TryRecordBudgetAlertAsync(
            new BudgetAlert(acme, "b1", "<script>prod</script>", period, BudgetAlertKind.Threshold, 80, at, 4_100_000_000, 5_000_000_000, "82.00"), ct));
        Assert.True(await server.App.Store.TryRecordBudgetAlertAsync(
            new BudgetAlert(acme, "b1", "<script>prod</script>", period, BudgetAlertKind.Forecast, 100, at.AddMinutes(1), 4_100_000_000, 5_000_000_000, "130.00"), ct));
        Assert.True(await server.App.Store.TryRecordBudgetAlertAsync(
            new BudgetAlert(other, "b2", "other-secret-budget", period, BudgetAlertKind.Threshold, 50, at, 1, 2, "50.00"), ct));
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(acme, ApiKeyKind.Read));

        var html = await browser.GetHtmlAsync("/alerts?tz=Europe/Berlin");

        Assert.Contains("data-testid=\"alerts-table\"", html, StringComparison.Ordinal);
        Assert.Contains("Reached 80%", html, StringComparison.Ordinal);
        Assert.Contains("Forecast to reach 100%", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-20 10:30", html, StringComparison.Ordinal);
        Assert.Contains("$4.10", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;prod&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>prod", html, StringComparison.Ordinal);
        Assert.DoesNotContain("other-secret-budget", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_are_served_from_an_allow_list_with_types_and_a_strong_etag()
    {
        await using var server = await RunningServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var css = await server.Http.GetAsync("/assets/dashboard.css", ct);
        using var js = await server.Http.GetAsync("/assets/dashboard.js", ct);
        using var missing = await server.Http.GetAsync("/assets/..%2Fappsettings.json", ct);
        using var icon = await server.Http.GetAsync("/favicon.ico", ct);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/assets/dashboard.css");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", css.Headers.ETag!.ToString());
        using var notModified = await server.Http.SendAsync(conditional, ct);

        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", Header(css, "Cache-Control"));
        Assert.Equal("nosniff", Header(js, "X-Content-Type-Options"));
        Assert.False(css.Headers.ETag!.IsWeak);
        Assert.Contains("prefers-color-scheme: dark", await css.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Contains("data-confirm", await js.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.Equal("same-origin", Header(icon, "Cross-Origin-Resource-Policy"));
    }

    [Fact]
    public async Task The_api_keeps_its_own_strict_policy()
    {
        await using var server = await RunningServer.StartAsync();

        using var health = await server.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(health, "Content-Security-Policy"));
        Assert.Equal("no-store", Header(health, "Cache-Control"));
        Assert.False(health.Headers.Contains("Server-Timing"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : string.Empty;

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style|\\sstyle=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttributeOrElement();

    [GeneratedRegex("\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
