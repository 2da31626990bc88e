using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>A file at schema version 8 (before credential activity) with events upgrades, and its places and usage are backfilled exactly.</summary>
public sealed class CredentialMigrationTests
{
    private const string PlaceRowsSql = """
        SELECT project_id || '|' || key_label || '|' || service || '|' || environment || '|' || instance || '|' || model || '|' ||
            first_seen_ms || '|' || last_seen_ms || '|' || events
        FROM credential_places ORDER BY project_id, key_label, service, environment, instance, model;
        """;

    private const string UsageRowsSql = """
        SELECT project_id || '|' || hour || '|' || key_label || '|' || service || '|' || environment || '|' || instance || '|' ||
            model || '|' || feature || '|' || events || '|' || input_tokens || '|' || output_tokens || '|' || cost_nano || '|' ||
            unpriced_events
        FROM credential_usage_hourly ORDER BY project_id, hour, key_label, service, environment, instance, model, feature;
        """;

    [Fact]
    public async Task A_version_8_file_with_events_is_backfilled_exactly_as_appends_maintain_the_tables()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var maintained = await TempStore.CreateAsync();
        var project = await maintained.ProjectAsync("random");
        var other = await maintained.ProjectAsync("other");
        var events = await CredentialHistory.AppendAsync(maintained.Store, project, seed: 51, count: 1_500);
        await CredentialHistory.AppendAsync(maintained.Store, other, seed: 52, count: 300);
        var maintainedPlaces = await StoreFileRows.ReadAsync(maintained.Path, PlaceRowsSql);
        var maintainedUsage = await StoreFileRows.ReadAsync(maintained.Path, UsageRowsSql);
        await maintained.Store.DisposeAsync();

        // A file written by version 8 holding the same projects and events.
        var directory = Path.Combine(maintained.Directory, "old");
        Directory.CreateDirectory(directory);
        var oldPath = Path.Combine(directory, "outlay.db");
        await using (var connection = new SqliteConnection($"Data Source={oldPath};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            var sql = new System.Text.StringBuilder("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_ms INTEGER NOT NULL);");
            for (var version = 1; version <= 8; version++)
            {
                sql.Append(SqliteMigrations.Scripts[version - 1]).Append($"\nINSERT INTO schema_version VALUES ({version}, 0);\n");
            }

            sql.Append($"ATTACH DATABASE '{maintained.Path}' AS current;");
            sql.Append("INSERT INTO projects SELECT * FROM current.projects; INSERT INTO events SELECT * FROM current.events;");
            await using var command = connection.CreateCommand();
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }

        await using (var upgraded = SqliteOutlayStore.Open(oldPath))
        {
            await upgraded.InitializeAsync(ct);
            Assert.Equal(CredentialHistory.ExpectedPlaces(events), await upgraded.ListCredentialPlacesAsync(project, null, ct));
        }

        Assert.True(maintainedPlaces.Count > 30, $"{maintainedPlaces.Count} places");
        Assert.True(maintainedUsage.Count > 500, $"{maintainedUsage.Count} usage rows");
        Assert.Equal(maintainedPlaces, await StoreFileRows.ReadAsync(oldPath, PlaceRowsSql));
        Assert.Equal(maintainedUsage, await StoreFileRows.ReadAsync(oldPath, UsageRowsSql));
    }
}
