using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;
using Outlay.Server;

namespace Outlay.Server.Tests.Support;

/// <summary>A real server on Kestrel (127.0.0.1, a free port) over its own temporary SQLite file.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(string directory, OutlayServerOptions options, OutlayServerApp app, CapturedLogs logs)
    {
        Directory = directory;
        Options = options;
        App = app;
        Logs = logs;
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public string Directory { get; }

    public OutlayServerOptions Options { get; }

    public OutlayServerApp App { get; }

    /// <summary>Everything the server logged, at every level it emits.</summary>
    public CapturedLogs Logs { get; }

    public Uri BaseAddress => App.Addresses[0];

    public HttpClient Http { get; }

    public static async Task<RunningServer> StartAsync(Action<OutlayServerOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "outlay-server-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var logs = new CapturedLogs();
        var options = new OutlayServerOptions
        {
            Urls = "http://127.0.0.1:0",
            StorePath = Path.Combine(directory, "outlay.db"),
            ConsoleLogging = false,
            LoggerProvider = logs,
        };
        configure?.Invoke(options);
        var app = await OutlayServerApp.StartAsync(options, TestContext.Current.CancellationToken);
        return new RunningServer(directory, options, app, logs);
    }

    public async Task<string> CreateProjectAsync(string name) =>
        (await App.Store.EnsureProjectAsync(name, TestContext.Current.CancellationToken)).Id;

    /// <summary>Creates a key straight in the store (as <c>outlay keys create</c> would) and returns its text.</summary>
    public async Task<string> CreateKeyAsync(string projectId, ApiKeyKind kind, params string[] environments)
    {
        var (text, record) = ApiKeyFactory.Create(kind, projectId, environments, "test", DateTimeOffset.UtcNow);
        await App.Store.AddKeyAsync(record, TestContext.Current.CancellationToken);
        return text;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostEventsAsync(string? key, string json) =>
        SendAsync(HttpMethod.Post, "/v1/events", key, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetAsync(string path, string? key) => SendAsync(HttpMethod.Get, path, key);

    /// <summary>Stops Kestrel and closes the store, leaving the files for inspection.</summary>
    public async Task StopAsync()
    {
        await App.StopAsync(TestContext.Current.CancellationToken);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The bytes of the database and its WAL/shared-memory files, whichever exist.</summary>
    public IReadOnlyList<byte[]> ReadStoreFiles() =>
        new[] { Options.StorePath, Options.StorePath + "-wal", Options.StorePath + "-shm" }
            .Where(File.Exists)
            .Select(File.ReadAllBytes)
            .ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test for it would not be.
        }
    }
}
