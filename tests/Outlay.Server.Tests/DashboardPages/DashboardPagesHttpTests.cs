using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.DashboardPages;

/// <summary>The overview, Explore (with exports) and Models pages over real Kestrel and SQLite, against the API's numbers.</summary>
public sealed partial class DashboardPagesHttpTests : IAsyncLifetime
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x>";
    private const string OtherProjectMarker = "project-b-only";
    private const string UnpricedModel = "lab-unpriced-model";

    private RunningServer _server = null!;
    private DashboardBrowser _browser = null!;
    private string _readKey = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        var projectA = await _server.CreateProjectAsync("alpha");
        var projectB = await _server.CreateProjectAsync("beta");
        var ingestA = await _server.CreateKeyAsync(projectA, ApiKeyKind.Ingest);
        var ingestB = await _server.CreateKeyAsync(projectB, ApiKeyKind.Ingest);
        _readKey = await _server.CreateKeyAsync(projectA, ApiKeyKind.Read);
        var now = DateTimeOffset.UtcNow;
        await PostAsync(
            ingestA,
            EventJson.Event(model: "gpt-4o-mini", timestamp: now.AddMinutes(-1), service: "checkout", tags: Tags("summarize", Hostile)),
            EventJson.Event(model: "gpt-4o-mini", inputTokens: 50_000, timestamp: now.AddMinutes(-2), service: "checkout", tags: Tags("search", "acme")),
            EventJson.Event(model: "gpt-4o", inputTokens: 9_000, outputTokens: 2_000, timestamp: now.AddMinutes(-3), service: "support-bot", tags: Tags("summarize", "acme")),
            EventJson.Event(model: "gpt-4o", timestamp: now.AddHours(-26), service: "support-bot", tags: Tags("search", "globex")),
            EventJson.Event(model: UnpricedModel, timestamp: now.AddMinutes(-4), service: "lab"));
        await PostAsync(
            ingestB,
            EventJson.Event(model: OtherProjectMarker + "-model", timestamp: now.AddMinutes(-1), service: OtherProjectMarker + "-service", tags: Tags(OtherProjectMarker, OtherProjectMarker)));
        _browser = new DashboardBrowser(_server);
        await _browser.SignInOrFailAsync(_readKey);
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Overview_shows_the_apis_month_and_today_totals_with_hostile_tags_encoded()
    {
        var now = DateTimeOffset.UtcNow;
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var html = await _browser.GetHtmlAsync("/?tz=UTC");
        var api = await ApiSpendAsync("from=" + SpendResultJson.FormatInstant(monthStart) + "&timeZone=UTC");

        Assert.Equal(UsdText.Format(api["total_cost_usd"]!.GetValue<decimal>()), TestIdText(html, "spend-month"));
        Assert.Matches("\\$[0-9,.]+", TestIdText(html, "spend-today"));
        Assert.Contains("data-testid=\"forecast\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("/models#unpriced", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"top-customers\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);

        var hourly = await _browser.GetHtmlAsync("/?chart=hour&tz=Europe/Berlin");
        Assert.Contains("Spend by model per hour", hourly, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_exports_equal_the_apis_rows_for_the_same_parameters()
    {
        var (view, apiQuery) = LastThreeDays("by=model&by=tag.feature", "groupBy=model,tag.feature");

        var apiBody = await ApiSpendTextAsync(apiQuery);
        using var json = await _browser.Http.GetAsync("/explore/export.json?" + view, TestContext.Current.CancellationToken);
        using var csv = await _browser.Http.GetAsync("/explore/export.csv?" + view, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(apiBody, await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("outlay-spend-", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);

        var lines = (await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var apiRows = JsonNode.Parse(apiBody)!["rows"]!.AsArray();
        Assert.Equal("model,tag.feature,cost_usd,events,unpriced_events,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens", lines[0]);
        Assert.Equal(apiRows.Count, lines.Length - 1);
        Assert.True(apiRows.Count >= 4);
        for (var i = 0; i < apiRows.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            var row = apiRows[i]!;
            Assert.Equal((string?)row["model"] ?? string.Empty, cells[0]);
            Assert.Equal((string?)row["tag.feature"] ?? string.Empty, cells[1]);
            Assert.Equal(row["cost_usd"]!.GetValue<decimal>(), decimal.Parse(cells[2], CultureInfo.InvariantCulture));
            Assert.Equal(row["events"]!.GetValue<long>(), long.Parse(cells[3], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Explore_table_shows_the_apis_total_and_rows_and_encodes_tag_values()
    {
        var (view, apiQuery) = LastThreeDays("by=tag.customer&interval=day", "groupBy=tag.customer&interval=day");
        var api = await ApiSpendAsync(apiQuery);

        var html = await _browser.GetHtmlAsync("/explore?" + view);

        Assert.Equal(UsdText.Format(api["total_cost_usd"]!.GetValue<decimal>()), TestIdText(html, "explore-total"));
        Assert.Contains("data-testid=\"explore-table\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart\"", html, StringComparison.Ordinal);
        Assert.Equal(api["rows"]!.AsArray().Count, TableBodyRows(html));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/explore/export.csv?", html, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/explore?by=nonsense")]
    [InlineData("/explore?range=custom&from=2026-13-45")]
    [InlineData("/explore?filter=model")]
    [InlineData("/explore/export.csv?interval=week")]
    [InlineData("/explore/export.json?by=a&by=b&by=c")]
    public async Task Bad_parameters_give_a_400_page_with_the_message_never_a_500(string path)
    {
        using var response = await _browser.GetPageAsync(path);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Matches("(by|from|filter|interval): ", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?chart=hour")]
    [InlineData("/explore?by=model&by=service")]
    [InlineData("/explore?by=tag.feature&range=30d&interval=hour")]
    [InlineData("/explore/export.csv?by=model&by=tag.customer")]
    [InlineData("/explore/export.json?by=service")]
    [InlineData("/models")]
    public async Task Another_projects_data_never_appears(string path)
    {
        using var response = await _browser.GetPageAsync(path);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(OtherProjectMarker, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?tz=Europe/Berlin")]
    [InlineData("/explore?by=tag.customer&interval=hour&range=24h")]
    [InlineData("/models?q=gpt")]
    public async Task Pages_need_no_inline_style_script_or_event_handler_under_the_strict_csp(string path)
    {
        var html = await _browser.GetHtmlAsync(path);

        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotMatch("\\son[a-z]+=", html);
    }

    [Fact]
    public async Task Models_page_lists_the_price_used_the_unpriced_model_with_a_price_file_and_a_searchable_catalog()
    {
        var html = await _browser.GetHtmlAsync("/models");

        Assert.Contains("id=\"unpriced\"", html, StringComparison.Ordinal);
        Assert.Contains(UnpricedModel, html, StringComparison.Ordinal);
        Assert.Contains("&quot;model&quot;: &quot;" + UnpricedModel + "&quot;", html, StringComparison.Ordinal);
        Assert.Contains("outlay prices resolve openai " + UnpricedModel, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"catalog-next\"", html, StringComparison.Ordinal);
        Assert.Equal(50, Regex.Count(html, "data-testid=\"catalog-row\""));

        var search = await _browser.GetHtmlAsync("/models?q=claude-sonnet-4");
        var rows = Regex.Count(search, "data-testid=\"catalog-row\"");
        Assert.InRange(rows, 1, 50);
        Assert.DoesNotContain("<code>gpt-4o</code>", search, StringComparison.Ordinal);
        Assert.Contains("$3.00", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_without_events_sees_how_to_send_one()
    {
        var empty = await _server.CreateProjectAsync("empty");
        using var browser = new DashboardBrowser(_server);
        await browser.SignInOrFailAsync(await _server.CreateKeyAsync(empty, ApiKeyKind.Read));

        var html = await browser.GetHtmlAsync("/");

        Assert.Contains("data-testid=\"overview-empty\"", html, StringComparison.Ordinal);
        Assert.Contains(_server.BaseAddress.Authority + "/v1/events", html, StringComparison.Ordinal);
        Assert.DoesNotContain("support-bot", html, StringComparison.Ordinal);
    }

    private static (string View, string Api) LastThreeDays(string view, string api)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (
            view + "&range=custom&from=" + from + "&to=" + to + "&tz=UTC",
            api + "&from=" + from + "T00:00:00Z&to=" + tomorrow + "T00:00:00Z&timeZone=UTC");
    }

    private static Dictionary<string, string> Tags(string feature, string customer) => new() { ["feature"] = feature, ["customer"] = customer };

    private static string TestIdText(string html, string testId)
    {
        var match = Regex.Match(html, "data-testid=\"" + testId + "\"[^>]*>([^<]*)<");
        Assert.True(match.Success, "no element with data-testid " + testId);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static int TableBodyRows(string html)
    {
        var table = html[html.IndexOf("data-testid=\"explore-table\"", StringComparison.Ordinal)..];
        var body = table[table.IndexOf("<tbody>", StringComparison.Ordinal)..table.IndexOf("</tbody>", StringComparison.Ordinal)];
        return Regex.Count(body, "<tr>");
    }

    private async Task PostAsync(string key, params JsonObject[] events)
    {
        using var response = await _server.PostEventsAsync(key, EventJson.Batch(events));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(events.Length, JsonNode.Parse(text)!["accepted"]!.GetValue<int>());
    }

    private async Task<string> ApiSpendTextAsync(string query)
    {
        using var response = await _server.GetAsync("/api/v1/spend?" + query, _readKey);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    private async Task<JsonNode> ApiSpendAsync(string query) => JsonNode.Parse(await ApiSpendTextAsync(query))!;
}
