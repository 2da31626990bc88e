using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outlay.Core.Alerts;
using Outlay.Core.Keys;
using Outlay.Server.Alerts;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.BudgetProof;

/// <summary>
/// A real server on a <see cref="ProofClock"/> with one project and its keys, priced by a configuration in which the
/// model <c>openai/proof-model</c> costs exactly $1 per 1M tokens (or the price a test starts it with) (input and output), so
/// 1,000,000 input tokens are an exact, known amount. Events go in through <c>POST /v1/events</c>, budgets through the
/// API, and alerts are run with the server's own <see cref="BudgetAlertWorker"/> at the clock's instant.
/// </summary>
internal sealed class ProofServer : IAsyncDisposable
{
    public const string Model = "proof-model";

    private ProofServer(RunningServer server, ProofClock clock, string project, string admin, string read, string ingest)
    {
        Server = server;
        Clock = clock;
        ProjectId = project;
        Admin = admin;
        Read = read;
        Ingest = ingest;
    }

    public RunningServer Server { get; }

    public ProofClock Clock { get; }

    public string ProjectId { get; }

    public string Admin { get; }

    public string Read { get; }

    public string Ingest { get; }

    /// <summary>Starts a server on <paramref name="storePath"/> (null: its own new store) pricing the proof model at <paramref name="usdPerMillion"/>.</summary>
    public static async Task<ProofServer> StartAsync(ProofClock clock, string folder, string? storePath = null, decimal usdPerMillion = 1m)
    {
        Directory.CreateDirectory(folder);
        var pricing = Path.Combine(folder, $"prices-{usdPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture)}.json");
        var price = usdPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(
            pricing,
            $$"""{ "prices": [ { "provider": "openai", "model": "{{Model}}", "effective_from": "2025-01-01", "input": "{{price}}", "output": "{{price}}" } ] }""",
            TestContext.Current.CancellationToken);
        var server = await RunningServer.StartAsync(o =>
        {
            o.Clock = clock;
            o.PricingConfigurationPath = pricing;
            if (storePath is not null)
            {
                o.StorePath = storePath;
            }
        });
        try
        {
            var project = await server.CreateProjectAsync("proof");
            return new ProofServer(
                server,
                clock,
                project,
                await server.CreateKeyAsync(project, ApiKeyKind.Admin),
                await server.CreateKeyAsync(project, ApiKeyKind.Read),
                await server.CreateKeyAsync(project, ApiKeyKind.Ingest));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Input tokens that cost exactly <paramref name="usd"/> at $1 per 1M.</summary>
    public static long TokensFor(decimal usd) => (long)(usd * 1_000_000m);

    /// <summary>One event of the proof model at <paramref name="at"/> costing <paramref name="usd"/> (at $1 per 1M).</summary>
    public static JsonObject Event(DateTimeOffset at, decimal usd, Guid? id = null) =>
        EventJson.Event(id: id, model: Model, inputTokens: TokensFor(usd), outputTokens: 0, timestamp: at);

    /// <summary>Posts events in one batch at the clock's current instant; asserts every one was accepted or a duplicate.</summary>
    public Task<JsonElement> PostAsync(params JsonObject[] events) => PostBatchAsync(EventJson.Batch(events));

    /// <summary>Posts a batch already written as JSON (a retry sends the same text again).</summary>
    public async Task<JsonElement> PostBatchAsync(string batch)
    {
        var answer = await ApiJson.ExpectAsync(await Server.PostEventsAsync(Ingest, batch), HttpStatusCode.OK);
        Assert.Equal(0, answer.GetProperty("rejected").GetArrayLength());
        return answer;
    }

    public async Task<string> AddBudgetAsync(string json)
    {
        var created = await ApiJson.ExpectAsync(
            await Server.SendAsync(HttpMethod.Post, "/api/v1/budgets", Admin, new StringContent(json, Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>The budget's evaluation as <c>GET /api/v1/budgets/{id}</c> shows it at the clock's instant.</summary>
    public async Task<JsonElement> EvaluationAsync(string budgetId) =>
        (await ApiJson.ExpectAsync(await Server.GetAsync($"/api/v1/budgets/{budgetId}", Read), HttpStatusCode.OK)).GetProperty("evaluation");

    /// <summary>Runs the server's own alert worker once at the clock's instant; returns the alerts this call won.</summary>
    public Task<IReadOnlyList<BudgetAlert>> RunAlertsAsync() =>
        Server.App.Services.GetServices<IHostedService>().OfType<BudgetAlertWorker>().Single()
            .RunOnceAsync(Clock.GetUtcNow(), TestContext.Current.CancellationToken);

    /// <summary>Every alert of the project from <c>GET /api/v1/alerts</c> as "kind threshold @period_start", sorted.</summary>
    public async Task<List<string>> AlertsAsync()
    {
        var list = await ApiJson.ExpectAsync(await Server.GetAsync("/api/v1/alerts?limit=1000", Read), HttpStatusCode.OK);
        return list.GetProperty("alerts").EnumerateArray()
            .Select(a => $"{a.GetProperty("kind").GetString()} {a.GetProperty("threshold").GetInt32()} @{a.GetProperty("period_start").GetDateTimeOffset().UtcDateTime:yyyy-MM-ddTHH:mmZ}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Only the threshold alerts of <see cref="AlertsAsync"/> (forecast alerts depend on the pace, not the boundary).</summary>
    public async Task<List<string>> ThresholdAlertsAsync() =>
        (await AlertsAsync()).Where(a => a.StartsWith("threshold ", StringComparison.Ordinal)).ToList();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
