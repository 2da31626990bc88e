using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Server.Detection;
using Outlay.Server.Tests.Alerts;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Detection;

/// <summary>
/// A real server on its own SQLite file whose clock stands at <see cref="Now"/> (Monday 2026-11-23 10:20 UTC), with its
/// own detection loop off so each test runs passes when it chooses. The model <c>openai/e2e-model</c> costs exactly $1
/// per 1M tokens, input or output. History goes in through <c>POST /v1/events</c>, findings come out of
/// <c>GET /api/v1/findings</c>.
/// </summary>
internal sealed class DetectionServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 20, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset CurrentHour = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly string _pricingFolder;

    private DetectionServer(RunningServer server, ManualClock clock, string pricingFolder, string admin, string read, string ingest)
    {
        Server = server;
        Clock = clock;
        _pricingFolder = pricingFolder;
        Admin = admin;
        Read = read;
        Ingest = ingest;
    }

    public RunningServer Server { get; }

    public ManualClock Clock { get; }

    public string Admin { get; }

    public string Read { get; }

    public string Ingest { get; }

    /// <summary>Starts the server; its own detection loop runs every <paramref name="detectionInterval"/> (default off).</summary>
    public static async Task<DetectionServer> StartAsync(TimeSpan? detectionInterval = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "outlay-detection-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pricing = Path.Combine(folder, "prices.json");
        await File.WriteAllTextAsync(
            pricing,
            """{ "prices": [ { "provider": "openai", "model": "e2e-model", "effective_from": "2025-01-01", "input": "1", "output": "1" } ] }""",
            TestContext.Current.CancellationToken);
        var clock = new ManualClock(Now);
        var server = await RunningServer.StartAsync(o =>
        {
            o.PricingConfigurationPath = pricing;
            o.Clock = clock;
            o.DetectionInterval = detectionInterval ?? TimeSpan.Zero;
        });
        var project = await server.CreateProjectAsync("detection");
        return new DetectionServer(
            server,
            clock,
            folder,
            await server.CreateKeyAsync(project, ApiKeyKind.Admin),
            await server.CreateKeyAsync(project, ApiKeyKind.Read),
            await server.CreateKeyAsync(project, ApiKeyKind.Ingest));
    }

    /// <summary>One event of <c>e2e-model</c> (input tokens cost $1 per million) at <paramref name="at"/>.</summary>
    public static JsonObject Event(DateTimeOffset at, string label, long inputTokens = 1_000, string? service = null, string? instance = null, string? environment = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        var item = EventJson.Event(model: "e2e-model", inputTokens: inputTokens, outputTokens: 0, timestamp: at, environment: environment, service: service, tags: tags);
        item["key_label"] = label;
        if (instance is not null)
        {
            item["instance"] = instance;
        }

        return item;
    }

    /// <summary>Every hour start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IEnumerable<DateTimeOffset> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        for (var h = from; h < to; h = h.AddHours(1))
        {
            yield return h;
        }
    }

    /// <summary>Sends the events through <c>POST /v1/events</c> in batches of 500, each fully accepted.</summary>
    public async Task IngestAsync(IEnumerable<JsonObject> events)
    {
        foreach (var batch in events.Chunk(500))
        {
            var answer = await ApiJson.ExpectAsync(await Server.PostEventsAsync(Ingest, EventJson.Batch(batch)), HttpStatusCode.OK);
            Assert.Equal(batch.Length, answer.GetProperty("accepted").GetInt32());
        }
    }

    /// <summary><c>PUT /api/v1/credentials/{label}/retirement</c> with the admin key.</summary>
    public async Task RetireAsync(string label, DateTimeOffset at, string replacedBy)
    {
        var body = $$"""{"retired_at": "{{at:O}}", "replaced_by": "{{replacedBy}}"}""";
        var response = await Server.SendAsync(HttpMethod.Put, $"/api/v1/credentials/{label}/retirement", Admin, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"retire answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>One detection pass at the clock's time, as the server's own loop runs it.</summary>
    public Task<IReadOnlyList<FindingRecordResult>> DetectAsync() =>
        new DetectionWorker(Server.App.Store, Clock, Server.Options, NullLogger<DetectionWorker>.Instance)
            .RunOnceAsync(Clock.GetUtcNow(), TestContext.Current.CancellationToken);

    /// <summary><c>GET /api/v1/findings</c> with the read key: the <c>findings</c> array.</summary>
    public async Task<List<JsonElement>> FindingsAsync() =>
        (await ApiJson.ExpectAsync(await Server.GetAsync("/api/v1/findings?limit=1000", Read), HttpStatusCode.OK))
            .GetProperty("findings").EnumerateArray().ToList();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_pricingFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
