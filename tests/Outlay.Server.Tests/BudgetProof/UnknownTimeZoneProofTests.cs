using System.Net;
using Microsoft.Data.Sqlite;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.BudgetProof;

/// <summary>
/// A stored budget whose zone this host does not know (written elsewhere, or zone data changed) must not break any
/// page or API: it is reported as a budget error, the other budgets keep working, and the alert worker skips it.
/// </summary>
public sealed class UnknownTimeZoneProofTests
{
    private const string Unknown = "Mars/Olympus_Mons";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_budget_in_an_unknown_zone_is_reported_as_an_error_everywhere_and_never_alerts()
    {
        using var folder = new ProofFolder();
        await using var server = await ProofServer.StartAsync(new ProofClock(Now), folder.Path);
        var broken = await server.AddBudgetAsync("""{"name":"Far away","amount":1,"period":"month","time_zone":"Europe/Berlin"}""");
        var working = await server.AddBudgetAsync("""{"name":"Home","amount":1,"period":"month","time_zone":"UTC"}""");
        await server.PostAsync(ProofServer.Event(Now.AddHours(-1), 2m));
        await using (var connection = new SqliteConnection($"Data Source={server.Server.Options.StorePath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE budgets SET time_zone = $zone WHERE id = $id;";
            command.Parameters.AddWithValue("$zone", Unknown);
            command.Parameters.AddWithValue("$id", broken);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var list = await ApiJson.ExpectAsync(await server.Server.GetAsync("/api/v1/budgets", server.Read), HttpStatusCode.OK);
        var one = await ApiJson.ExpectAsync(await server.Server.GetAsync("/api/v1/budgets/" + broken, server.Read), HttpStatusCode.OK);
        var status = await ApiJson.ExpectAsync(await server.Server.GetAsync("/api/v1/budgets/status", server.Ingest), HttpStatusCode.OK);
        var fired = await server.RunAlertsAsync();
        using var browser = new DashboardBrowser(server.Server);
        await browser.SignInOrFailAsync(server.Admin);
        var page = await browser.GetHtmlAsync("/budgets");

        var message = $"time zone {Unknown} is not known on this server";
        Assert.Equal(message, one.GetProperty("evaluation").GetProperty("error").GetString());
        Assert.Equal("error", one.GetProperty("evaluation").GetProperty("state").GetString());
        Assert.Equal(Unknown, one.GetProperty("time_zone").GetString());
        var listed = list.GetProperty("budgets").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("evaluation"));
        Assert.Equal(message, listed[broken].GetProperty("error").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[working].GetProperty("error").ValueKind);
        Assert.Equal("exceeded", listed[working].GetProperty("state").GetString());
        Assert.Equal(["error", "exceeded"], status.GetProperty("budgets").EnumerateArray().Select(b => b.GetProperty("state").GetString()).Order(StringComparer.Ordinal));
        Assert.NotEmpty(fired);
        Assert.All(fired, a => Assert.Equal(working, a.BudgetId));
        Assert.Contains(server.Server.Logs.Lines, l => l.Contains(broken, StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
        Assert.Contains("This budget cannot be evaluated: " + message, page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"budget-evaluation-error\"", page, StringComparison.Ordinal);
        Assert.Contains("data-budget-id=\"" + working + "\"", page, StringComparison.Ordinal);

        // An admin can still delete it.
        Assert.Equal(HttpStatusCode.NoContent, (await server.Server.SendAsync(HttpMethod.Delete, "/api/v1/budgets/" + broken, server.Admin)).StatusCode);
    }
}
