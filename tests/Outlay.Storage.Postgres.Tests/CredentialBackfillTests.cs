namespace Outlay.Storage.Postgres.Tests;

/// <summary>PostgreSQL-only: the credential migration's backfill from stored events equals what appends maintain.</summary>
public sealed class CredentialBackfillTests
{
    private const string Places = "SELECT * FROM {0}.credential_places ORDER BY project_id, key_label, service, environment, instance, model;";

    private const string Usage = "SELECT * FROM {0}.credential_usage_hourly ORDER BY project_id, hour, key_label, service, environment, instance, model, feature;";

    [Fact]
    public async Task The_version_4_script_run_over_stored_events_rebuilds_the_maintained_tables_exactly()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = (await temp.Store.EnsureProjectAsync("random", TestContext.Current.CancellationToken)).Id;
        var other = (await temp.Store.EnsureProjectAsync("other", TestContext.Current.CancellationToken)).Id;
        await CredentialHistory.AppendAsync(temp.Store, project, seed: 61, count: 1_500);
        await CredentialHistory.AppendAsync(temp.Store, other, seed: 62, count: 300);

        // The real script, with its tables created in a schema of their own (first on the search path) and
        // its backfill reading public.events.
        await temp.ScalarAsync("CREATE SCHEMA backfill; SET search_path = backfill, public; " + PostgresSchemaV4.Script + " SELECT 1;");

        var maintainedPlaces = await temp.RowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Places, "public"));
        var maintainedUsage = await temp.RowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Usage, "public"));
        Assert.True(maintainedPlaces.Count > 30, $"{maintainedPlaces.Count} places");
        Assert.True(maintainedUsage.Count > 500, $"{maintainedUsage.Count} usage rows");
        Assert.Equal(maintainedPlaces, await temp.RowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Places, "backfill")));
        Assert.Equal(maintainedUsage, await temp.RowsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Usage, "backfill")));
    }
}
