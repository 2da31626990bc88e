using System.Globalization;
using Microsoft.Data.Sqlite;
using Outlay.Core.Alerts;
using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>A file written at schema version 1 is migrated in place by the current code and keeps its data.</summary>
public sealed class MigrationTests
{
    private const string DimensionRowsSql = """
        SELECT project_id || '|' || dimension || '|' || hour || '|' || value || '|' || cost_nano || '|' || events || '|' ||
            unpriced_events || '|' || input_tokens || '|' || output_tokens || '|' || cache_read_tokens || '|' ||
            cache_write_tokens || '|' || cache_write_1h_tokens || '|' || reasoning_tokens
        FROM rollups_dim_hourly ORDER BY project_id, dimension, hour, value;
        """;

    private const string DailyRowsSql = """
        SELECT project_id || '|' || dimension || '|' || day || '|' || value || '|' || cost_nano || '|' || events || '|' ||
            unpriced_events || '|' || input_tokens || '|' || output_tokens || '|' || cache_read_tokens || '|' ||
            cache_write_tokens || '|' || cache_write_1h_tokens || '|' || reasoning_tokens
        FROM rollups_dim_daily ORDER BY project_id, dimension, day, value;
        """;

    private const string PriceRowsSql = """
        SELECT project_id || '|' || hour || '|' || provider || '|' || model || '|' || price_id || '|' || cost_nano || '|' ||
            events || '|' || unpriced_events || '|' || input_tokens || '|' || output_tokens || '|' || cache_read_tokens || '|' ||
            cache_write_tokens || '|' || cache_write_1h_tokens || '|' || reasoning_tokens
        FROM price_usage_hourly ORDER BY project_id, hour, provider, model, price_id;
        """;

    [Fact]
    public async Task A_version_1_file_is_migrated_and_backfilled_exactly_as_appends_maintain_the_new_tables()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("random");
        var other = await temp.ProjectAsync("other");
        var events = await RandomHistory.AppendAsync(temp.Store, project, seed: 21, count: 1_200);
        await RandomHistory.AppendAsync(temp.Store, other, seed: 22, count: 300);
        var maintainedDimensions = await temp.RowsAsync(DimensionRowsSql);
        var maintainedPrices = await temp.RowsAsync(PriceRowsSql);
        var maintainedDays = await temp.RowsAsync(DailyRowsSql);

        // Turn the file back into exactly what version 1 wrote: its tables, its data, its recorded version.
        await temp.ReopenAsync(() => SchemaRewind.ToVersionAsync(temp.Path, 1));

        Assert.Equal(SqliteMigrations.LatestVersion, await temp.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(events.Count, await temp.ScalarAsync($"SELECT COUNT(*) FROM events WHERE project_id = '{project}';"));
        Assert.True(maintainedDimensions.Count > 1_000);
        Assert.Equal(maintainedDimensions, await temp.RowsAsync(DimensionRowsSql));
        Assert.Equal(maintainedPrices, await temp.RowsAsync(PriceRowsSql));
        Assert.Equal(maintainedDays, await temp.RowsAsync(DailyRowsSql));
        var query = SpendQueryParser.Parse("2026-11-19", null, "tag.customer", "day", null, RandomEvents.Start.AddDays(5));
        SpendAssert.Equal(ExpectedSpend.Compute(events, query), await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken), query);
    }

    [Fact]
    public async Task An_upgrade_reports_where_it_is_and_a_new_file_reports_nothing()
    {
        var reports = new List<SchemaUpgradeProgress>();
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("random");
        await RandomHistory.AppendAsync(temp.Store, project, seed: 23, count: 400);

        // Opening the current version again is no upgrade.
        await temp.ReopenAsync(upgradeProgress: reports.Add);
        Assert.Empty(reports);

        await temp.ReopenAsync(() => SchemaRewind.ToVersionAsync(temp.Path, 10), reports.Add);

        var latest = SqliteMigrations.LatestVersion;
        Assert.Equal([10, .. Enumerable.Range(11, latest - 10), latest], reports.Select(r => r.Version));
        Assert.All(reports, r => Assert.Equal((10, latest, 400L), (r.FromVersion, r.ToVersion, r.Events)));
        Assert.True(reports[0].IsStart);
        Assert.All(reports.Skip(1), r => Assert.False(r.IsStart));
        Assert.Equal([false, .. Enumerable.Repeat(false, latest - 10), true], reports.Select(r => r.Committed));
        Assert.True(reports[^1].Elapsed >= reports[^2].Elapsed);

        // Version 12 rebuilt events into a new table: the old one's pages are free, and the report says how much.
        Assert.True(reports[^1].FreeBytes > 0, "no free pages reported after the events table was rebuilt");
        Assert.Equal(reports[^1].FreeBytes, await temp.ScalarAsync("PRAGMA freelist_count;") * await temp.ScalarAsync("PRAGMA page_size;"));
    }

    [Fact]
    public async Task An_empty_version_1_file_migrates_and_accepts_sessions()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.ReopenAsync(() => SchemaRewind.ToVersionAsync(temp.Path, 1));
        var project = await temp.ProjectAsync("app");

        await temp.Store.AddDashboardSessionAsync(
            new Outlay.Core.Storage.DashboardSessionRecord("s", new byte[32], project, "k", Outlay.Core.Keys.ApiKeyKind.Read, TestEvents.Hour10, TestEvents.Hour10.AddHours(1)),
            TestContext.Current.CancellationToken);

        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollups_dim_hourly;"));
        Assert.NotNull(await temp.Store.FindDashboardSessionAsync("s", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_version_7_file_keeps_its_secret_finding_and_pending_delivery_through_the_findings_upgrade()
    {
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        await temp.Store.AddAlertChannelAsync(new AlertChannel("chn_a", project, "ops", AlertChannelKind.Webhook, "https://example.test/…", [1, 2, 3], at), ct);
        var findingId = Guid.NewGuid();
        var atMs = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        // Version 7 wrote security_findings and alert_deliveries without findings; its AUTOINCREMENT mark is past the last id.
        await temp.ReopenAsync(async () =>
        {
            await SchemaRewind.ToVersionAsync(temp.Path, 7);
            await ExecuteAsync(temp, $"""
                INSERT INTO security_findings (id, project_id, kind, detail, service, environment, key_id, at_ms)
                VALUES ('{findingId:D}', '{project}', 'secret_in_event', 'openai_project_key in tags.note', 'checkout', 'prod', 'abcdefghijkl', {atMs});
                INSERT INTO alert_deliveries (id, project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold,
                                              state, attempts, next_attempt_ms, created_ms)
                VALUES (41, '{project}', 'chn_a', 'alert', 'bud_1', {atMs}, 'threshold', 80, 'pending', 2, {atMs}, {atMs});
                UPDATE sqlite_sequence SET seq = 50 WHERE name = 'alert_deliveries';
                """);
        });

        Assert.Equal(SqliteMigrations.LatestVersion, await temp.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        var finding = Assert.Single(await temp.Store.ListFindingsAsync(project, new FindingQuery(), ct));
        Assert.Equal(findingId, finding.Id);
        Assert.Equal(FindingKinds.SecretInEvent, finding.Kind);
        Assert.Equal(FindingSeverity.Critical, finding.Severity);
        Assert.Equal(findingId.ToString("D"), finding.Fingerprint);
        Assert.Equal("openai_project_key in tags.note", finding.Summary);
        Assert.Equal("openai_project_key in tags.note", finding.Detail);
        Assert.Equal(new FindingPlace(Service: "checkout", Environment: "prod"), finding.Place);
        Assert.Equal("abcdefghijkl", finding.KeyId);
        Assert.Equal(at, finding.FirstSeen);
        Assert.Equal(at, finding.LastSeen);
        Assert.Equal(1, finding.Occurrences);
        Assert.Equal(FindingStatus.Open, finding.Status);
        Assert.False(finding.Notified);

        var delivery = Assert.Single(await temp.Store.ListAlertDeliveriesAsync(project, 10, ct));
        Assert.Equal(41, delivery.Id);
        Assert.Equal(AlertDeliveryState.Pending, delivery.State);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(new BudgetAlertKey("bud_1", at, BudgetAlertKind.Threshold, 80), delivery.Alert);
        Assert.Null(delivery.FindingId);
        Assert.Equal(41, Assert.Single(await temp.Store.ClaimAlertDeliveriesAsync(at, TimeSpan.FromMinutes(1), 10, ct)).Delivery.Id);
        var next = await temp.Store.QueueTestAlertDeliveryAsync(project, "chn_a", at, ct);
        Assert.Equal(51, next?.Id); // the AUTOINCREMENT mark survived the rebuild: no id is reused

        var recorded = await temp.Store.RecordFindingAsync(
            new FindingObservation(project, FindingKinds.SecretInEvent, FindingSeverity.Critical, "fp", "fp", "new", "new", FindingPlace.Unknown, null, null, null, at), ct);
        Assert.True(recorded.Notified);
        Assert.Equal(recorded.Finding.Id, (await temp.Store.ListAlertDeliveriesAsync(project, 10, ct))[0].FindingId);
    }

    private static async Task ExecuteAsync(TempStore temp, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
