using Npgsql;
using Outlay.Core.Alerts;
using Outlay.Core.Findings;

namespace Outlay.Storage.Postgres.Tests;

/// <summary>PostgreSQL-only: a database at schema version 2 keeps its secret finding and pending delivery through the findings migration.</summary>
public sealed class FindingMigrationTests
{
    [Fact]
    public async Task A_version_2_database_keeps_its_secret_finding_and_pending_delivery()
    {
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
        var findingId = Guid.NewGuid();
        var (name, connectionString) = await PostgresTestServer.CreateDatabaseAsync();
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                await ExecuteAsync(connection, PostgresSchemaV1.Script);
                await ExecuteAsync(connection, PostgresSchemaV2.Script);
                await ExecuteAsync(connection, "CREATE TABLE outlay_schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
                    + " INSERT INTO outlay_schema_migrations (version) VALUES (1), (2);");
                await using var insert = new NpgsqlCommand(
                    """
                    INSERT INTO projects (id, name, created_ms) VALUES ('prj_1', 'app', @at);
                    INSERT INTO security_findings (id, project_id, kind, detail, service, environment, key_id, at_ms)
                    VALUES (@finding, 'prj_1', 'secret_in_event', 'openai_project_key in tags.note', 'checkout', 'prod', 'abcdefghijkl', @at);
                    INSERT INTO alert_channels (id, project_id, name, kind, display_target, sealed_settings, created_ms)
                    VALUES ('chn_a', 'prj_1', 'ops', 'webhook', 'https://example.test/…', '\x010203', @at);
                    INSERT INTO alert_deliveries (project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold,
                                                  state, attempts, next_attempt_ms, created_ms)
                    VALUES ('prj_1', 'chn_a', 'alert', 'bud_1', @at, 'threshold', 80, 'pending', 2, @at, @at);
                    """,
                    connection);
                insert.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("finding", findingId);
                await insert.ExecuteNonQueryAsync(ct);
            }

            await using var store = PostgresOutlayStore.Open(connectionString);
            await store.InitializeAsync(ct);

            var finding = Assert.Single(await store.ListFindingsAsync("prj_1", new FindingQuery(), ct));
            Assert.Equal(findingId, finding.Id);
            Assert.Equal(FindingKinds.SecretInEvent, finding.Kind);
            Assert.Equal(FindingSeverity.Critical, finding.Severity);
            Assert.Equal(findingId.ToString("D"), finding.Fingerprint);
            Assert.Equal("openai_project_key in tags.note", finding.Summary);
            Assert.Equal(new FindingPlace(Service: "checkout", Environment: "prod"), finding.Place);
            Assert.Equal(at, finding.FirstSeen);
            Assert.Equal(1, finding.Occurrences);
            Assert.Equal(FindingStatus.Open, finding.Status);
            var delivery = Assert.Single(await store.ListAlertDeliveriesAsync("prj_1", 10, ct));
            Assert.Equal(AlertDeliveryState.Pending, delivery.State);
            Assert.Equal(2, delivery.Attempts);
            Assert.Equal(new BudgetAlertKey("bud_1", at, BudgetAlertKind.Threshold, 80), delivery.Alert);
            Assert.Null(delivery.FindingId);

            var recorded = await store.RecordFindingAsync(
                new FindingObservation("prj_1", FindingKinds.SecretInEvent, FindingSeverity.Critical, "fp", "fp", "new", "new", FindingPlace.Unknown, null, null, null, at), ct);
            Assert.True(recorded.Notified);
            Assert.Equal(recorded.Finding.Id, (await store.ListAlertDeliveriesAsync("prj_1", 10, ct))[0].FindingId);
        }
        finally
        {
            await PostgresTestServer.DropDatabaseAsync(name);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
