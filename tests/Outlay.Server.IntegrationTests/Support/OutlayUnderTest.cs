using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;

namespace Outlay.Server.IntegrationTests.Support;

/// <summary>
/// A real Outlay server (Kestrel on 127.0.0.1, a free port) over its own SQLite file in its own temporary folder,
/// with one project, an ingest key and a read key.
/// </summary>
internal sealed class OutlayUnderTest : IAsyncDisposable
{
    private readonly HttpClient _http;

    private OutlayUnderTest(string directory, string storePath, OutlayServerApp app, string ingestKey, string readKey)
    {
        Directory = directory;
        StorePath = storePath;
        App = app;
        IngestKey = ingestKey;
        ReadKey = readKey;
        _http = new HttpClient { BaseAddress = app.Addresses[0], Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Directory { get; }

    public string StorePath { get; }

    public OutlayServerApp App { get; }

    public string IngestKey { get; }

    public string ReadKey { get; }

    /// <summary>Where OTLP/HTTP exporters send traces.</summary>
    public Uri TracesEndpoint => new(App.Addresses[0], "/v1/traces");

    public static async Task<OutlayUnderTest> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Path.Combine(Path.GetTempPath(), "outlay-integration-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var storePath = Path.Combine(directory, "outlay.db");
        var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = "http://127.0.0.1:0", StorePath = storePath, ConsoleLogging = false },
            ct);
        var projectId = (await app.Store.EnsureProjectAsync("integration", ct)).Id;
        var (ingestKey, ingestRecord) = ApiKeyFactory.Create(ApiKeyKind.Ingest, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(ingestRecord, ct);
        var (readKey, readRecord) = ApiKeyFactory.Create(ApiKeyKind.Read, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(readRecord, ct);
        return new OutlayUnderTest(directory, storePath, app, ingestKey, readKey);
    }

    /// <summary><c>GET /api/v1/spend</c> of the hours around now, grouped by model, as a user would ask.</summary>
    public async Task<JsonElement> QuerySpendByModelAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var path = "/api/v1/spend?from=" + Uri.EscapeDataString(Format(now.AddHours(-2)))
            + "&to=" + Uri.EscapeDataString(Format(now.AddHours(2)))
            + "&groupBy=model";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReadKey);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"spend query answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Stops Kestrel and closes the store, so every byte it wrote is in the files.</summary>
    public async Task StopAsync()
    {
        await App.StopAsync(TestContext.Current.CancellationToken);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Whether <paramref name="marker"/> occurs (UTF-8 or UTF-16) in the database, WAL or shared-memory file.</summary>
    public bool StoreFilesContain(string marker)
    {
        var needles = new[] { Encoding.UTF8.GetBytes(marker), Encoding.Unicode.GetBytes(marker) };
        var files = new[] { StorePath, StorePath + "-wal", StorePath + "-shm" }.Where(File.Exists).ToList();
        Assert.Contains(StorePath, files);
        return files.Select(File.ReadAllBytes).Any(bytes => needles.Any(needle => bytes.AsSpan().IndexOf(needle) >= 0));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test for it would not be.
        }
    }

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
