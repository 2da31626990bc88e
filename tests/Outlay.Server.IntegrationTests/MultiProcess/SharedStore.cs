using Microsoft.Data.Sqlite;
using Npgsql;
using Outlay.Core.Keys;
using Outlay.Testing;

namespace Outlay.Server.IntegrationTests.MultiProcess;

/// <summary>
/// A store that several <c>outlay serve</c> processes open at once: a SQLite file in a temp folder, or a fresh PostgreSQL
/// database on the server <c>OUTLAY_TEST_POSTGRES</c> names (skipped when unset, failed when unset on CI). It is created
/// with one project, an admin key and an ingest key, then closed; disposing deletes the folder or drops the database.
/// </summary>
internal sealed class SharedStore : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _adminConnection;
    private readonly string? _database;

    private SharedStore(string spec, string? secretKey, string? directory, string? adminConnection, string? database)
    {
        Spec = spec;
        SecretKey = secretKey;
        _directory = directory;
        _adminConnection = adminConnection;
        _database = database;
    }

    /// <summary>The <c>--store</c> value: <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c> (holds a password: never log it).</summary>
    public string Spec { get; }

    /// <summary>OUTLAY_SECRET_KEY for the children: PostgreSQL has no key file beside it; SQLite uses its key file (null).</summary>
    public string? SecretKey { get; }

    public string AdminKey { get; private set; } = "";

    public string IngestKey { get; private set; } = "";

    /// <summary>
    /// Starts one <c>outlay serve</c> on this store, given through <c>OUTLAY_STORE</c> so a password stays off the command
    /// line, with webhooks to loopback allowed (the tests' receiver listens there).
    /// </summary>
    public ServeChildProcess StartServer()
    {
        var environment = new Dictionary<string, string> { ["OUTLAY_STORE"] = Spec };
        if (SecretKey is not null)
        {
            environment["OUTLAY_SECRET_KEY"] = SecretKey;
        }

        return ServeChildProcess.Start(["--alert-allow", "127.0.0.1"], environment: environment);
    }

    public static async Task<SharedStore> CreateAsync(string engine)
    {
        SharedStore store;
        if (engine == "sqlite")
        {
            var directory = Path.Combine(Path.GetTempPath(), "outlay-multiprocess-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            store = new SharedStore("sqlite:" + Path.Combine(directory, "outlay.db"), null, directory, null, null);
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("OUTLAY_TEST_POSTGRES");
            if (string.IsNullOrEmpty(server))
            {
                Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true but OUTLAY_TEST_POSTGRES is not set");
                Assert.Skip("no PostgreSQL server: set OUTLAY_TEST_POSTGRES (see .ci/postgres-start)");
            }

            var database = "outlay_mp_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            var target = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            store = new SharedStore("postgres:" + target, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), null, server, database);
        }

        await store.SeedAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        if (_adminConnection is not null)
        {
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task SeedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await OutlayServerApp.StartAsync(new OutlayServerOptions { Urls = "http://127.0.0.1:0", Store = Spec, ConsoleLogging = false }, ct);
        var projectId = (await app.Store.EnsureProjectAsync("multiprocess", ct)).Id;
        var (admin, adminRecord) = ApiKeyFactory.Create(ApiKeyKind.Admin, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(adminRecord, ct);
        var (ingest, ingestRecord) = ApiKeyFactory.Create(ApiKeyKind.Ingest, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(ingestRecord, ct);
        await app.StopAsync(ct);
        AdminKey = admin;
        IngestKey = ingest;
    }
}
