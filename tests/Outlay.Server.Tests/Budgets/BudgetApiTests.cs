using System.Globalization;
using System.Net;
using System.Text;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Budgets;

/// <summary>The budgets API on a real server: exact spend, who may do what, project isolation, field-named errors.</summary>
public sealed class BudgetApiTests
{
    private const string AcmeProd = "{\"name\":\"Acme prod\",\"amount\":\"0.000001\",\"period\":\"month\",\"time_zone\":\"Europe/Berlin\","
        + "\"scope\":[\"environment:prod\",\"tag.customer:acme\"],\"thresholds\":[100,50]}";

    [Fact]
    public async Task A_budget_shows_the_same_spend_as_reports_and_retried_batches_do_not_inflate_it()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var acme = new Dictionary<string, string> { ["customer"] = "acme" };
        var batch = EventJson.Batch(
            EventJson.Event(environment: "prod", tags: acme),
            EventJson.Event(environment: "prod", tags: acme, inputTokens: 5000),
            EventJson.Event(environment: "staging", tags: acme),
            EventJson.Event(environment: "prod", tags: new Dictionary<string, string> { ["customer"] = "globex" }));
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, batch), HttpStatusCode.OK);

        var created = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, Json(AcmeProd)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var spentBeforeRetry = created.GetProperty("evaluation").GetProperty("spent_nano_usd").GetInt64();
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, batch), HttpStatusCode.OK);
        var shown = await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/budgets/{id}", read), HttpStatusCode.OK);
        var evaluation = shown.GetProperty("evaluation");
        var start = evaluation.GetProperty("period_start").GetDateTimeOffset();
        var spend = await ApiJson.ExpectAsync(
            await server.GetAsync($"/api/v1/spend?from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}&filter=environment:prod&filter=tag.customer:acme", read),
            HttpStatusCode.OK);

        var spent = evaluation.GetProperty("spent_nano_usd").GetInt64();
        Assert.True(spent > 0, "the seeded events are priced");
        Assert.Equal(spentBeforeRetry, spent);
        Assert.Equal(spend.GetProperty("total_cost_usd").GetDecimal(), evaluation.GetProperty("spent_usd").GetDecimal());
        Assert.Equal(spent, (long)(evaluation.GetProperty("spent_usd").GetDecimal() * 1_000_000_000m));
        Assert.Equal(1_000L, shown.GetProperty("amount_nano_usd").GetInt64());
        Assert.Equal("Europe/Berlin", shown.GetProperty("time_zone").GetString());
        Assert.Equal([50, 100], shown.GetProperty("thresholds").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(["environment:prod", "tag.customer:acme"], shown.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(decimal.Round(spent * 100m / 1_000m, 2, MidpointRounding.AwayFromZero), evaluation.GetProperty("percentage").GetDecimal());
        Assert.Equal(spent >= 1_000 ? "exceeded" : spent >= 500 ? "warning" : "ok", evaluation.GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(evaluation.GetProperty("forecast_explanation").GetString()));
        var listed = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets", admin), HttpStatusCode.OK);
        Assert.Equal(spent, listed.GetProperty("budgets")[0].GetProperty("evaluation").GetProperty("spent_nano_usd").GetInt64());
    }

    [Fact]
    public async Task An_ingest_key_reads_only_the_status_without_amounts()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest, "prod");
        var created = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, Json(AcmeProd)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        var response = await server.GetAsync("/api/v1/budgets/status", ingest);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = await ApiJson.ExpectAsync(response, HttpStatusCode.OK);

        var only = Assert.Single(status.GetProperty("budgets").EnumerateArray());
        Assert.Equal(["name", "state", "percentage", "scope", "period", "resets_at"], only.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Acme prod", only.GetProperty("name").GetString());
        Assert.Equal("ok", only.GetProperty("state").GetString());
        Assert.Equal(0m, only.GetProperty("percentage").GetDecimal());

        // The scope is what the SDK needs to match its calls: values the application writes itself, never an amount.
        Assert.Equal(["environment:prod", "tag.customer:acme"], only.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("month", only.GetProperty("period").GetString());
        var periodEnd = created.GetProperty("evaluation").GetProperty("period_end").GetDateTimeOffset();
        Assert.Equal(periodEnd, only.GetProperty("resets_at").GetDateTimeOffset());
        Assert.DoesNotContain("amount", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spent", text, StringComparison.Ordinal);
        Assert.DoesNotContain("forecast", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", text, StringComparison.Ordinal);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets", ingest), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/budgets/{id}", ingest), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", ingest, Json(AcmeProd)), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/budgets/{id}", ingest), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets/status", null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_read_key_views_but_cannot_create_or_delete()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var id = (await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, Json(AcmeProd)), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", read, Json(AcmeProd)), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/budgets/{id}", read), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/budgets/{id}", read), HttpStatusCode.OK);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets/status", read), HttpStatusCode.OK);
        var list = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets", read), HttpStatusCode.OK);
        Assert.Single(list.GetProperty("budgets").EnumerateArray());
    }

    [Fact]
    public async Task The_status_of_a_whole_project_rolling_budget_has_an_empty_scope_and_no_reset_instant()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, Json("{\"name\":\"Last day\",\"amount\":5,\"period\":\"rolling\",\"rolling\":\"24h\"}")),
            HttpStatusCode.Created);

        var status = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets/status", ingest), HttpStatusCode.OK);

        var only = Assert.Single(status.GetProperty("budgets").EnumerateArray());
        Assert.Empty(only.GetProperty("scope").EnumerateArray());
        Assert.Equal("rolling", only.GetProperty("period").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, only.GetProperty("resets_at").ValueKind);
    }

    [Fact]
    public async Task Another_projects_budget_is_not_found_and_deleting_is_final()
    {
        await using var server = await RunningServer.StartAsync();
        var adminA = await server.CreateKeyAsync(await server.CreateProjectAsync("project-a"), ApiKeyKind.Admin);
        var adminB = await server.CreateKeyAsync(await server.CreateProjectAsync("project-b"), ApiKeyKind.Admin);
        var id = (await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", adminA, Json(AcmeProd)), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/budgets/{id}", adminB), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/budgets/{id}", adminB), HttpStatusCode.NotFound);
        Assert.Empty((await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets", adminB), HttpStatusCode.OK)).GetProperty("budgets").EnumerateArray());
        Assert.Empty((await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets/status", adminB), HttpStatusCode.OK)).GetProperty("budgets").EnumerateArray());
        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/budgets/{id}", adminA), HttpStatusCode.OK);

        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/budgets/{id}", adminA), HttpStatusCode.NoContent);
        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/budgets/{id}", adminA), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/budgets/{id}", adminA), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/budgets/{new string('x', 65)}", adminA), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"amount\":5}", "name:")]
    [InlineData("{\"name\":\"b\"}", "amount:")]
    [InlineData("{\"name\":\"b\",\"amount\":\"abc\"}", "amount:")]
    [InlineData("{\"name\":\"b\",\"amount\":true}", "amount:")]
    [InlineData("{\"name\":\"b\",\"amount\":-1}", "amount:")]
    [InlineData("{\"name\":\"b\",\"amount\":5,\"period\":\"year\"}", "period:")]
    [InlineData("{\"name\":\"b\",\"amount\":5,\"time_zone\":\"Nowhere/Land\"}", "time_zone:")]
    [InlineData("{\"name\":\"b\",\"amount\":5,\"rolling\":\"100d\"}", "rolling:")]
    [InlineData("{\"name\":\"b\",\"amount\":5,\"scope\":[\"colour:red\"]}", "scope:")]
    [InlineData("{\"name\":\"b\",\"amount\":5,\"thresholds\":[0]}", "thresholds:")]
    [InlineData("{\"name\":\"b\",\"amount\":5,\"limit\":1}", "JSON")]
    [InlineData("{\"name\":", "JSON")]
    public async Task Invalid_budgets_are_400_naming_the_field(string body, string named)
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await server.CreateKeyAsync(await server.CreateProjectAsync("shop"), ApiKeyKind.Admin);

        var problem = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/budgets", admin, Json(body)), HttpStatusCode.BadRequest);

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/budgets", admin), HttpStatusCode.OK)).GetProperty("budgets").EnumerateArray());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
