using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// A SQLite store file in a temporary folder of its own, initialised with one project, an ingest key and a read key,
/// and closed again: servers (in this process or a child <c>outlay serve</c>) then open it, stop and open it again.
/// </summary>
internal sealed class ReliabilityStore : IDisposable
{
    private ReliabilityStore(string directory, string storePath, string ingestKey, string readKey, IReadOnlyList<string> moreIngestKeys)
    {
        MoreIngestKeys = moreIngestKeys;
        Directory = directory;
        StorePath = storePath;
        IngestKey = ingestKey;
        ReadKey = readKey;
    }

    public string Directory { get; }

    public string StorePath { get; }

    public string IngestKey { get; }

    public string ReadKey { get; }

    /// <summary>Further ingest keys of the same project (each has its own rate limit).</summary>
    public IReadOnlyList<string> MoreIngestKeys { get; }

    /// <summary>
    /// Creates the store in a new folder under <paramref name="parent"/> (default: the temp folder's
    /// <c>outlay-reliability-tests</c>) with <paramref name="moreIngestKeys"/> ingest keys beside the first (default 0).
    /// </summary>
    public static async Task<ReliabilityStore> CreateAsync(string? parent = null, int moreIngestKeys = 0)
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Path.Combine(parent ?? Path.Combine(Path.GetTempPath(), "outlay-reliability-tests"), Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var storePath = Path.Combine(directory, "outlay.db");
        await using var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = "http://127.0.0.1:0", StorePath = storePath, ConsoleLogging = false },
            ct);
        var projectId = (await app.Store.EnsureProjectAsync("reliability", ct)).Id;
        var (ingestKey, ingestRecord) = ApiKeyFactory.Create(ApiKeyKind.Ingest, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(ingestRecord, ct);
        var (readKey, readRecord) = ApiKeyFactory.Create(ApiKeyKind.Read, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(readRecord, ct);
        var more = new List<string>();
        for (var i = 0; i < moreIngestKeys; i++)
        {
            var (key, record) = ApiKeyFactory.Create(ApiKeyKind.Ingest, projectId, null, null, DateTimeOffset.UtcNow);
            await app.Store.AddKeyAsync(record, ct);
            more.Add(key);
        }
        await app.StopAsync(ct);
        SqliteConnection.ClearAllPools();
        return new ReliabilityStore(directory, storePath, ingestKey, readKey, more);
    }

    public void Dispose()
    {
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
}
