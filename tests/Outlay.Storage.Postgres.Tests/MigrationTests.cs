namespace Outlay.Storage.Postgres.Tests;

/// <summary>PostgreSQL-only: migrations run once under the advisory lock, whoever starts first.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Four_stores_initializing_one_empty_database_at_once_migrate_it_once()
    {
        var (name, connectionString) = await PostgresTestServer.CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => PostgresOutlayStore.Open(connectionString)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(TestContext.Current.CancellationToken))));

            await using var probe = await TempDatabaseProbe.OpenAsync(connectionString);
            Assert.Equal(PostgresMigrations.LatestVersion, await probe.ScalarAsync("SELECT COUNT(*) FROM outlay_schema_migrations;"));
            Assert.Equal(PostgresMigrations.LatestVersion, await probe.ScalarAsync("SELECT MAX(version) FROM outlay_schema_migrations;"));
            var projects = await Task.WhenAll(stores.Select(s => s.EnsureProjectAsync("shared", TestContext.Current.CancellationToken)));
            Assert.Single(projects.Select(p => p.Id).Distinct());
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            await PostgresTestServer.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task Initializing_again_changes_nothing_and_a_newer_schema_is_refused()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await temp.ReopenAsync();
        Assert.Equal(PostgresMigrations.LatestVersion, await temp.ScalarAsync("SELECT COUNT(*) FROM outlay_schema_migrations;"));

        await temp.ScalarAsync("WITH v AS (INSERT INTO outlay_schema_migrations (version) VALUES (999) RETURNING version) SELECT version FROM v;");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(temp.OpenStoreAsync);
        Assert.Contains("newer than this Outlay understands", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_store_cannot_be_used_before_initialize()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var store = PostgresOutlayStore.Open(temp.ConnectionString);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.FindProjectAsync("app", TestContext.Current.CancellationToken));
    }
}
