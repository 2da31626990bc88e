using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Sdk;

namespace Outlay.Server.BrowserTests.Support;

/// <summary>
/// A real Outlay server on loopback port 0 over its own SQLite file, with a project whose week of history was
/// sent through the real SDK, read/admin/ingest keys for it, and a second project with data of its own.
/// </summary>
internal sealed class SeededServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly HttpClient _http;

    private SeededServer(string directory, OutlayServerApp app)
    {
        _directory = directory;
        App = app;
        _http = new HttpClient { BaseAddress = app.Addresses[0] };
    }

    public OutlayServerApp App { get; }

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:41234</c>, with no trailing slash.</summary>
    public string Origin => App.Addresses[0].GetLeftPart(UriPartial.Authority);

    public string ProjectId { get; private set; } = string.Empty;

    public string ReadKey { get; private set; } = string.Empty;

    public string AdminKey { get; private set; } = string.Empty;

    public string IngestKey { get; private set; } = string.Empty;

    /// <summary>How many events the main project holds (all sent through the SDK and confirmed stored).</summary>
    public long SeededEvents { get; private set; }

    public static async Task<SeededServer> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "outlay-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions
            {
                Urls = "http://127.0.0.1:0",
                StorePath = Path.Combine(directory, "outlay.db"),
                ConsoleLogging = false,
            },
            cancellationToken);
        var server = new SeededServer(directory, app);
        try
        {
            await server.SeedAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Creates a key straight in the store, as <c>outlay keys create</c> does, and returns its text.</summary>
    public async Task<string> CreateKeyAsync(string projectId, ApiKeyKind kind, string name, CancellationToken cancellationToken)
    {
        var (text, record) = ApiKeyFactory.Create(kind, projectId, null, name, DateTimeOffset.UtcNow);
        await App.Store.AddKeyAsync(record, cancellationToken);
        return text;
    }

    /// <summary><c>GET /api/v1/spend?{query}</c> with the read key; fails the test on any status but 200.</summary>
    public async Task<JsonElement> GetSpendAsync(string query, CancellationToken cancellationToken)
    {
        var body = await GetApiTextAsync("/api/v1/spend?" + query, cancellationToken);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>A GET with the read key as bearer; fails the test on any status but 200.</summary>
    public async Task<string> GetApiTextAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReadKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test run for it would not be.
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var project = await App.Store.EnsureProjectAsync("browser", cancellationToken);
        ProjectId = project.Id;
        ReadKey = await CreateKeyAsync(project.Id, ApiKeyKind.Read, "browser read", cancellationToken);
        AdminKey = await CreateKeyAsync(project.Id, ApiKeyKind.Admin, "browser admin", cancellationToken);
        IngestKey = await CreateKeyAsync(project.Id, ApiKeyKind.Ingest, "browser ingest", cancellationToken);

        var now = DateTimeOffset.UtcNow;
        var events = History(now).ToList();
        await SendAsync(IngestKey, events, cancellationToken);
        SeededEvents = events.Count;
        await ExpectStoredAsync(project.Id, events.Count, now, cancellationToken);

        var foreign = await App.Store.EnsureProjectAsync("foreign", cancellationToken);
        var foreignIngest = await CreateKeyAsync(foreign.Id, ApiKeyKind.Ingest, "foreign ingest", cancellationToken);
        var foreignEvents = Enumerable.Range(1, 12)
            .Select(i => Event(SeedData.Foreign, now.AddHours(-i * 7).AddMinutes(-3), SeedData.ForeignCustomer, "prod"))
            .ToList();
        await SendAsync(foreignIngest, foreignEvents, cancellationToken);
        await ExpectStoredAsync(foreign.Id, foreignEvents.Count, now, cancellationToken);
    }

    /// <summary>
    /// Seven days back at four hours a day, one to three calls per workload, plus a few calls in the last minutes
    /// (so "today" has spend whatever the hour). Deterministic, so a failing figure can be reproduced.
    /// </summary>
    private static IEnumerable<UsageEvent> History(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var sequence = 0;
        for (var day = 7; day >= 1; day--)
        {
            foreach (var hour in (int[])[2, 9, 15, 21])
            {
                for (var w = 0; w < SeedData.Workloads.Count; w++)
                {
                    var calls = 1 + ((day + hour + w) % 3);
                    for (var c = 0; c < calls; c++)
                    {
                        var at = today.AddDays(-day).AddHours(hour).AddMinutes(7 + (c * 11) + w);
                        yield return Event(SeedData.Workloads[w], at, SeedData.Customers[sequence % 3], sequence % 4 == 0 ? "staging" : "prod", sequence);
                        sequence++;
                    }
                }
            }
        }

        for (var w = 0; w < SeedData.Workloads.Count; w++)
        {
            var at = now.AddSeconds(-20 - (w * 5));
            yield return Event(SeedData.Workloads[w], at, SeedData.Customers[w % 3], "prod", w);
        }
    }

    private static UsageEvent Event(SeedWorkload workload, DateTimeOffset at, string customer, string environment, int variation = 0) => new()
    {
        Timestamp = at,
        Provider = workload.Provider,
        Model = workload.Model,
        Operation = workload.Operation,
        // Vary the counts a little so sums are not round multiples that could hide an off-by-one row.
        InputTokens = workload.InputTokens + (variation * 37),
        OutputTokens = workload.OutputTokens == 0 ? 0 : workload.OutputTokens + (variation * 13),
        CacheReadTokens = workload.CacheReadTokens,
        Service = workload.Service,
        Environment = environment,
        KeyLabel = workload.KeyLabel,
        LatencyMs = 300 + variation,
        Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["feature"] = workload.Feature, ["customer"] = customer },
    };

    private async Task SendAsync(string ingestKey, IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        await using var client = new OutlayClient(new OutlayClientOptions
        {
            Endpoint = App.Addresses[0],
            IngestKey = ingestKey,
            FlushInterval = TimeSpan.FromMilliseconds(50),
        });
        foreach (var usage in events)
        {
            if (!client.Track(usage))
            {
                throw new InvalidOperationException("The SDK refused to queue a seed event.");
            }
        }

        if (!await client.FlushAsync(TimeSpan.FromSeconds(30), cancellationToken))
        {
            throw new InvalidOperationException("The SDK did not deliver the seed events within 30 s.");
        }

        var statistics = client.GetStatistics();
        if (statistics.Delivered != events.Count)
        {
            throw new InvalidOperationException(
                $"The SDK delivered {statistics.Delivered} of {events.Count} seed events "
                + $"(rejected {statistics.DroppedRejected}, failed {statistics.DroppedSendFailed}, queue full {statistics.DroppedQueueFull}).");
        }
    }

    private async Task ExpectStoredAsync(string projectId, long expected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = SpendQueryParser.Parse("10d", now.AddHours(1).ToString("O", CultureInfo.InvariantCulture), null, null, null, now);
        var result = await App.Store.QuerySpendAsync(projectId, query, cancellationToken);
        var stored = result.Rows.Sum(r => r.Events);
        if (stored != expected)
        {
            throw new InvalidOperationException($"The store holds {stored} events of project {projectId}, {expected} were sent.");
        }
    }
}
