using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outlay.Core.Alerts;
using Outlay.Core.Keys;
using Outlay.Server.Alerts;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Secrets;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// A real server on the system clock whose own workers evaluate budgets every second and deliver every 100 ms, priced
/// so that the model <c>openai/e2e-model</c> costs exactly $1 per 1M input tokens, with one project and its keys.
/// Everything goes through the HTTP API except what the API cannot express (see <see cref="AddPlainHttpSlackChannelAsync"/>).
/// </summary>
internal sealed class EndToEndServer : IAsyncDisposable
{
    /// <summary>How long a test waits for the workers: 30 s, far beyond the few hundred ms they need.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private const string Model = "e2e-model";

    private readonly string pricingFolder;

    private EndToEndServer(RunningServer server, string pricingFolder, string projectId, string admin, string read, string ingest)
    {
        Server = server;
        this.pricingFolder = pricingFolder;
        ProjectId = projectId;
        Admin = admin;
        Read = read;
        Ingest = ingest;
    }

    public RunningServer Server { get; }

    public string ProjectId { get; }

    public string Admin { get; }

    public string Read { get; }

    public string Ingest { get; }

    public static async Task<EndToEndServer> StartAsync(Action<OutlayServerOptions> configure)
    {
        var folder = Path.Combine(Path.GetTempPath(), "outlay-e2e-delivery", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pricing = Path.Combine(folder, "prices.json");
        await File.WriteAllTextAsync(
            pricing,
            $$"""{ "prices": [ { "provider": "openai", "model": "{{Model}}", "effective_from": "2025-01-01", "input": "1", "output": "1" } ] }""",
            TestContext.Current.CancellationToken);
        var server = await RunningServer.StartAsync(o =>
        {
            o.PricingConfigurationPath = pricing;
            o.BudgetAlertInterval = TimeSpan.FromSeconds(1);
            o.AlertDeliveryInterval = TimeSpan.FromMilliseconds(100);
            configure(o);
        });
        var project = await server.CreateProjectAsync("e2e");
        return new EndToEndServer(
            server,
            folder,
            project,
            await server.CreateKeyAsync(project, ApiKeyKind.Admin),
            await server.CreateKeyAsync(project, ApiKeyKind.Read),
            await server.CreateKeyAsync(project, ApiKeyKind.Ingest));
    }

    /// <summary><c>POST /api/v1/alert-channels</c> with the admin key; the 201 answer.</summary>
    public async Task<JsonElement> AddChannelAsync(object body) =>
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(Server, Admin, body), HttpStatusCode.Created);

    /// <summary>
    /// A Slack channel to a plain-http local receiver, sealed with the server's own key exactly as the API seals one. The
    /// API accepts only https Slack URLs and the server's client trusts no test certificate, so this one channel is put
    /// in the store directly; what is under test, the workers and the Slack sender, is the same.
    /// </summary>
    public async Task<string> AddPlainHttpSlackChannelAsync(Uri url)
    {
        var box = Server.App.Services.GetRequiredService<ChannelSecretBox>();
        var id = AlertChannelIds.New();
        var channel = new AlertChannel(id, ProjectId, "Ops Slack", AlertChannelKind.Slack, "local slack receiver", box.Seal(id, new AlertChannelConfig(url, null, [])), DateTimeOffset.UtcNow);
        await Server.App.Store.AddAlertChannelAsync(channel, TestContext.Current.CancellationToken);
        return id;
    }

    public async Task<string> AddBudgetAsync(string json)
    {
        var created = await ApiJson.ExpectAsync(
            await Server.SendAsync(HttpMethod.Post, "/api/v1/budgets", Admin, new StringContent(json, Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>One event costing exactly <paramref name="usd"/>, through <c>POST /v1/events</c> with the ingest key.</summary>
    public async Task IngestAsync(decimal usd)
    {
        var tokens = (long)(usd * 1_000_000m);
        var batch = EventJson.Batch(EventJson.Event(model: Model, inputTokens: tokens, outputTokens: 0, timestamp: DateTimeOffset.UtcNow.AddSeconds(-1)));
        var answer = await ApiJson.ExpectAsync(await Server.PostEventsAsync(Ingest, batch), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
    }

    /// <summary><c>GET /api/v1/alerts</c> with the read key: the <c>alerts</c> array.</summary>
    public async Task<List<JsonElement>> AlertsAsync() =>
        (await ApiJson.ExpectAsync(await Server.GetAsync("/api/v1/alerts?limit=1000", Read), HttpStatusCode.OK))
            .GetProperty("alerts").EnumerateArray().ToList();

    /// <summary><c>GET /api/v1/alert-channels</c> with the read key: the <c>channels</c> array.</summary>
    public async Task<List<JsonElement>> ChannelsAsync() =>
        (await ApiJson.ExpectAsync(await Server.GetAsync("/api/v1/alert-channels", Read), HttpStatusCode.OK))
            .GetProperty("channels").EnumerateArray().ToList();

    /// <summary>Every delivery of every alert, with the alert's kind and threshold.</summary>
    public async Task<List<(string Kind, int Threshold, JsonElement Delivery)>> DeliveriesAsync() =>
        (await AlertsAsync())
            .SelectMany(a => a.GetProperty("deliveries").EnumerateArray().Select(d => (a.GetProperty("kind").GetString()!, a.GetProperty("threshold").GetInt32(), d)))
            .ToList();

    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds; fails naming <paramref name="what"/> after <see cref="Deadline"/>.</summary>
    public static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < Deadline, string.Create(CultureInfo.InvariantCulture, $"not within {Deadline.TotalSeconds} s: {what}"));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(pricingFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
