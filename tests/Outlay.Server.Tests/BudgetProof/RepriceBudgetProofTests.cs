using System.Net;
using System.Text;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.BudgetProof;

/// <summary>
/// "After a price correction the budget reflects the corrected cost": events stored at a wrong price, the server
/// restarted with the corrected price, <c>POST /api/v1/prices/reprice</c>, and the budget and its alerts follow.
/// </summary>
public sealed class RepriceBudgetProofTests
{
    private const long Dollar = 1_000_000_000L;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_budget_at_60_percent_passes_100_after_a_corrected_price_and_fires_one_100_percent_alert()
    {
        using var folder = new ProofFolder();
        var clock = new ProofClock(Now);
        string budget;
        await using (var wrongPrice = await ProofServer.StartAsync(clock, folder.Path, folder.StorePath, usdPerMillion: 1m))
        {
            budget = await wrongPrice.AddBudgetAsync("""{"name":"Month","amount":10,"period":"month","time_zone":"UTC"}""");
            await wrongPrice.PostAsync(
                ProofServer.Event(Now.AddDays(-3), 2m),
                ProofServer.Event(Now.AddDays(-1), 3.5m),
                ProofServer.Event(Now.AddHours(-1), 0.5m),
                ProofServer.Event(Now.AddDays(-40), 7m));
            await wrongPrice.RunAlertsAsync();
            Assert.Equal(6 * Dollar, (await wrongPrice.EvaluationAsync(budget)).GetProperty("spent_nano_usd").GetInt64());
            Assert.Equal(["threshold 50 @2026-11-01T00:00Z"], await wrongPrice.ThresholdAlertsAsync());
        }

        // The contract price was twice what was configured: restart with the correction, then re-price this month.
        clock.Set(Now.AddMinutes(10));
        await using var corrected = await ProofServer.StartAsync(clock, folder.Path, folder.StorePath, usdPerMillion: 2m);
        Assert.Equal(6 * Dollar, (await corrected.EvaluationAsync(budget)).GetProperty("spent_nano_usd").GetInt64());
        var repriced = await ApiJson.ExpectAsync(
            await corrected.Server.SendAsync(HttpMethod.Post, "/api/v1/prices/reprice", corrected.Admin, Json("""{"from":"2026-11-01","to":"2026-11-24"}""")),
            HttpStatusCode.OK);
        var first = await corrected.RunAlertsAsync();
        var second = await corrected.RunAlertsAsync();
        var evaluation = await corrected.EvaluationAsync(budget);

        Assert.Equal(3, repriced.GetProperty("examined").GetInt64());
        Assert.Equal(3, repriced.GetProperty("changed").GetInt64());
        Assert.Equal(6 * Dollar, repriced.GetProperty("cost_before_nano_usd").GetInt64());
        Assert.Equal(12 * Dollar, repriced.GetProperty("cost_after_nano_usd").GetInt64());
        Assert.Equal(6m, repriced.GetProperty("cost_change_usd").GetDecimal());
        Assert.Equal(12 * Dollar, evaluation.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal("exceeded", evaluation.GetProperty("state").GetString());
        Assert.Equal(1, first.Count(a => a.KindName == "threshold" && a.Threshold == 100));
        Assert.DoesNotContain(second, a => a.KindName == "threshold");
        Assert.Equal(
            ["threshold 100 @2026-11-01T00:00Z", "threshold 50 @2026-11-01T00:00Z", "threshold 80 @2026-11-01T00:00Z"],
            await corrected.ThresholdAlertsAsync());

        // A second correction run finds nothing left to change; the spend report agrees with the budget.
        var again = await ApiJson.ExpectAsync(
            await corrected.Server.SendAsync(HttpMethod.Post, "/api/v1/prices/reprice", corrected.Admin, Json("""{"from":"2026-11-01","to":"2026-11-24"}""")),
            HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("changed").GetInt64());
        var spend = await ApiJson.ExpectAsync(await corrected.Server.GetAsync("/api/v1/spend?from=2026-11-01&to=2026-11-24", corrected.Read), HttpStatusCode.OK);
        Assert.Equal(12m, spend.GetProperty("total_cost_usd").GetDecimal());
    }

    [Theory]
    [InlineData("""{"from":"2025-01-01","to":"2026-11-20"}""", "400 days")]
    [InlineData("""{"to":"2026-11-20"}""", "from")]
    [InlineData("""{"from":"2026-11-20","to":"2026-11-01"}""", "to")]
    [InlineData("""{"from":"2026-11-01","price":"1"}""", "no other fields")]
    [InlineData("""{"from":"2026-11-01","model":""}""", "model")]
    public async Task The_reprice_api_refuses_bad_requests_with_a_named_field(string body, string named)
    {
        using var folder = new ProofFolder();
        await using var server = await ProofServer.StartAsync(new ProofClock(Now), folder.Path);

        var problem = await ApiJson.ExpectAsync(
            await server.Server.SendAsync(HttpMethod.Post, "/api/v1/prices/reprice", server.Admin, Json(body)), HttpStatusCode.BadRequest);

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_key_may_reprice()
    {
        using var folder = new ProofFolder();
        await using var server = await ProofServer.StartAsync(new ProofClock(Now), folder.Path);
        const string Body = """{"from":"2026-11-01"}""";

        Assert.Equal(HttpStatusCode.Forbidden, (await server.Server.SendAsync(HttpMethod.Post, "/api/v1/prices/reprice", server.Read, Json(Body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Server.SendAsync(HttpMethod.Post, "/api/v1/prices/reprice", server.Ingest, Json(Body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Server.SendAsync(HttpMethod.Post, "/api/v1/prices/reprice", null, Json(Body))).StatusCode);
        var dry = await ApiJson.ExpectAsync(
            await server.Server.SendAsync(HttpMethod.Post, "/api/v1/prices/reprice", server.Admin, Json("""{"from":"7d","dry_run":true}""")), HttpStatusCode.OK);
        Assert.True(dry.GetProperty("dry_run").GetBoolean());
        Assert.Equal(0, dry.GetProperty("examined").GetInt64());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
