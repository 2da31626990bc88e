using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.DashboardBudgets;

/// <summary>The dashboard Budgets page: the API's numbers, admin-only forms with CSRF, project isolation, encoding, field-named errors.</summary>
public sealed class BudgetsPageTests
{
    private const string ProdBudget = "{\"name\":\"Prod spend\",\"amount\":\"0.000001\",\"period\":\"month\",\"time_zone\":\"Europe/Berlin\","
        + "\"scope\":[\"environment:prod\"],\"thresholds\":[50,100]}";

    [Fact]
    public async Task The_page_shows_a_budget_with_the_same_spend_and_state_as_the_api_and_a_read_session_sees_no_forms()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event(environment: "prod"), EventJson.Event(environment: "staging"))), HttpStatusCode.OK);
        var created = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, Json(ProdBudget)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(read);

        var html = await browser.GetHtmlAsync("/budgets?tz=Europe/Berlin");
        var api = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets/" + id, read), HttpStatusCode.OK);

        var evaluation = api.GetProperty("evaluation");
        var spent = evaluation.GetProperty("spent_nano_usd").GetInt64();
        Assert.True(spent > 0, "the prod event is priced");
        Assert.Equal(UsdText.FormatNano(spent), TestId(html, "budget-spent"));
        Assert.Equal(UsdText.FormatNano(1_000), TestId(html, "budget-amount"));
        Assert.Equal(evaluation.GetProperty("state").GetString(), TestId(html, "budget-state"));
        Assert.Contains("data-budget-id=\"" + id + "\"", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"chip\">environment:prod</li>", html, StringComparison.Ordinal);
        Assert.StartsWith("Calendar month, Europe/Berlin — ", TestId(html, "budget-period"), StringComparison.Ordinal);
        Assert.Contains("<progress ", html, StringComparison.Ordinal);
        // The page and the API evaluate a moment apart, so the rate's basis hours may differ across an hour boundary.
        var explanation = evaluation.GetProperty("forecast_explanation").GetString()!;
        Assert.StartsWith(explanation[..12], TestId(html, "budget-forecast-explanation"), StringComparison.Ordinal);
        Assert.Contains("there is no channel yet to deliver them: <a href=\"/alerts", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" action=\"/budgets", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_project_explains_budgets_and_how_to_add_one()
    {
        await using var server = await RunningServer.StartAsync();
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(await server.CreateProjectAsync("shop"), ApiKeyKind.Read));

        var html = await browser.GetHtmlAsync("/budgets");

        Assert.Contains("data-testid=\"budgets-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("outlay budgets add", html, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/budgets", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_and_deletes_a_budget_through_the_forms_and_a_post_without_csrf_changes_nothing()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        var page = await browser.GetHtmlAsync("/budgets");
        Assert.Contains("data-testid=\"add-budget-form\"", page, StringComparison.Ordinal);
        var ct = TestContext.Current.CancellationToken;

        using var forged = await browser.PostFormAsync("/budgets", [KeyValuePair.Create("name", "Forged"), KeyValuePair.Create("amount", "5")]);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Empty(await server.App.Store.ListBudgetsAsync(project, ct));

        using var added = await browser.PostWithCsrfAsync(
            "/budgets",
            ("name", "Acme prod"),
            ("amount", "12.50"),
            ("period", "week"),
            ("time_zone", "America/New_York"),
            ("rolling", string.Empty),
            ("scope", "environment:prod\r\ntag.customer:acme"),
            ("thresholds", "80, 50%"));

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var budget = Assert.Single(await server.App.Store.ListBudgetsAsync(project, ct));
        Assert.Equal("Acme prod", budget.Name);
        Assert.Equal(12_500_000_000L, budget.AmountNanoUsd);
        Assert.Equal("week", budget.Period.KindName);
        Assert.Equal("America/New_York", budget.Period.TimeZone.Id);
        Assert.Equal([50, 80], budget.Thresholds);
        Assert.Equal(2, budget.Scope.Count);
        var listed = await browser.GetHtmlAsync("/budgets");
        Assert.Contains("action=\"/budgets/" + budget.Id + "/delete\"", listed, StringComparison.Ordinal);
        Assert.Contains("data-confirm=", listed, StringComparison.Ordinal);
        Assert.Contains("<li class=\"chip\">tag.customer:acme</li>", listed, StringComparison.Ordinal);

        using var deleted = await browser.PostWithCsrfAsync("/budgets/" + budget.Id + "/delete");

        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Empty(await server.App.Store.ListBudgetsAsync(project, ct));
        using var again = await browser.PostWithCsrfAsync("/budgets/" + budget.Id + "/delete");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_rolling_budget_added_by_form_ignores_the_prefilled_time_zone()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        await browser.GetHtmlAsync("/budgets");

        using var added = await browser.PostWithCsrfAsync("/budgets", ("name", "Day window"), ("amount", "3"), ("period", "rolling"), ("rolling", "24h"), ("time_zone", "Europe/Berlin"));

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var budget = Assert.Single(await server.App.Store.ListBudgetsAsync(project, TestContext.Current.CancellationToken));
        Assert.Equal(24, budget.Period.RollingHours);
        Assert.StartsWith("Rolling 24-hour window — ", TestId(await browser.GetHtmlAsync("/budgets"), "budget-period"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_session_gets_403_on_add_and_delete_and_nothing_changes()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var id = (await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, Json(ProdBudget)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));
        await browser.GetHtmlAsync("/budgets");

        using var add = await browser.PostWithCsrfAsync("/budgets", ("name", "Sneaky"), ("amount", "5"));
        using var delete = await browser.PostWithCsrfAsync("/budgets/" + id + "/delete");

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var only = Assert.Single(await server.App.Store.ListBudgetsAsync(project, TestContext.Current.CancellationToken));
        Assert.Equal(id, only.Id);
    }

    [Fact]
    public async Task Another_projects_budgets_never_appear_and_cannot_be_deleted()
    {
        await using var server = await RunningServer.StartAsync();
        var projectA = await server.CreateProjectAsync("project-a");
        var projectB = await server.CreateProjectAsync("project-b");
        var adminA = await server.CreateKeyAsync(projectA, ApiKeyKind.Admin);
        var idA = (await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", adminA, Json(ProdBudget)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using var browserB = new DashboardBrowser(server);
        await browserB.SignInOrFailAsync(await server.CreateKeyAsync(projectB, ApiKeyKind.Admin));

        var html = await browserB.GetHtmlAsync("/budgets");
        using var delete = await browserB.PostWithCsrfAsync("/budgets/" + idA + "/delete");

        Assert.DoesNotContain("Prod spend", html, StringComparison.Ordinal);
        Assert.DoesNotContain(idA, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"budgets-empty\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Single(await server.App.Store.ListBudgetsAsync(projectA, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_hostile_budget_name_is_encoded_in_the_page()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        await browser.GetHtmlAsync("/budgets");

        using var added = await browser.PostWithCsrfAsync("/budgets", ("name", "\"><script>alert(1)</script>"), ("amount", "5"));
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var html = await browser.GetHtmlAsync("/budgets");

        Assert.Contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Prod", "", "month", "UTC", "", "", "", "amount")]
    [InlineData("Prod", "-5", "month", "UTC", "", "", "", "amount")]
    [InlineData("", "5", "month", "UTC", "", "", "", "name")]
    [InlineData("Prod", "5", "yearly", "UTC", "", "", "", "period")]
    [InlineData("Prod", "5", "month", "Mars/Olympus", "", "", "", "time_zone")]
    [InlineData("Prod", "5", "rolling", "", "", "", "", "rolling")]
    [InlineData("Prod", "5", "rolling", "", "3w", "", "", "rolling")]
    [InlineData("Prod", "5", "month", "UTC", "", "no-colon", "", "scope")]
    [InlineData("Prod", "5", "month", "UTC", "", "", "fifty", "thresholds")]
    [InlineData("Prod", "5", "month", "UTC", "", "", "50, 50", "thresholds")]
    public async Task Bad_input_answers_400_naming_the_field_with_the_form_refilled_and_adds_nothing(
        string name, string amount, string period, string timeZone, string rolling, string scope, string thresholds, string field)
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Admin));
        await browser.GetHtmlAsync("/budgets");

        using var response = await browser.PostWithCsrfAsync(
            "/budgets", ("name", name), ("amount", amount), ("period", period), ("time_zone", timeZone), ("rolling", rolling), ("scope", scope), ("thresholds", thresholds));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-field=\"" + field + "\"", html, StringComparison.Ordinal);
        Assert.StartsWith(field + ": ", TestId(html, "budget-error"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"add-budget-form\"", html, StringComparison.Ordinal);
        if (amount.Length > 0)
        {
            Assert.Contains("name=\"amount\" maxlength=\"32\" placeholder=\"500\" value=\"" + amount + "\"", html, StringComparison.Ordinal);
        }

        Assert.Empty(await server.App.Store.ListBudgetsAsync(project, TestContext.Current.CancellationToken));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The decoded text of the first element carrying <paramref name="testId"/> (elements without nested markup).</summary>
    private static string TestId(string html, string testId)
    {
        var match = Regex.Match(html, "data-testid=\"" + testId + "\"[^>]*>([^<]*)<");
        Assert.True(match.Success, "no element with data-testid " + testId);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
