using System.Net.Http;
using System.Text.Json;
using Outlay.Storage.ClickHouse;
using Outlay.Storage.Sqlite;

namespace Outlay.Cli.Tests.StoreMigrate;

/// <summary>
/// <c>outlay store migrate</c> into ClickHouse and back (one node and the two-shard cluster <c>outlay_test</c>), on the
/// servers <c>OUTLAY_TEST_CLICKHOUSE</c> / <c>OUTLAY_TEST_CLICKHOUSE_CLUSTER</c> name (<c>eval "$(.ci/clickhouse-start)"</c>).
/// Without them the test skips locally and fails on CI (<c>CI=true</c>).
/// </summary>
public sealed class StoreMigrateClickHouseTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sqlite_to_clickhouse_to_sqlite_keeps_every_answer_to_the_nano_dollar(bool cluster)
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = RequireNodes(cluster ? "OUTLAY_TEST_CLICKHOUSE_CLUSTER" : "OUTLAY_TEST_CLICKHOUSE");
        var database = "outlay_cli_" + Guid.NewGuid().ToString("N");
        using var first = new TempStore();
        using var control = new TempStore();
        using var last = new TempStore();
        var url = nodes[0].GetLeftPart(UriPartial.Authority) + "/" + database
            + (cluster ? "?cluster=outlay_test&nodes=" + string.Join(",", nodes.Select(n => n.GetLeftPart(UriPartial.Authority))) : string.Empty);
        var spec = "clickhouse:" + url + (cluster ? "&" : "?") + "control=" + Uri.EscapeDataString(control.Spec);
        try
        {
            StoreMigrateHistory history;
            await using (var source = SqliteOutlayStore.Open(first.FilePath))
            {
                await source.InitializeAsync(ct);
                history = await StoreMigrateHistory.WriteAsync(source, 6_000, ct);
            }

            var there = await CliRun.InvokeAsync("store", "migrate", "--from", first.Spec, "--to", spec, "--page-size", "1000", "--json");
            var back = await CliRun.InvokeAsync("store", "migrate", "--from", spec, "--to", last.Spec, "--page-size", "700", "--json");
            var again = await CliRun.InvokeAsync("store", "migrate", "--from", first.Spec, "--to", spec, "--json");

            foreach (var run in new[] { there, back })
            {
                Assert.True(run.ExitCode == 0, run.Error + run.Json);
                using var json = JsonDocument.Parse(run.Json);
                Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
                Assert.Equal(6_000, json.RootElement.GetProperty("events_read").GetInt64());
                Assert.Equal(6_000, json.RootElement.GetProperty("events_appended").GetInt64());
            }

            // The checkpoint, kept in the control store, makes a second run read nothing.
            Assert.True(again.ExitCode == 0, again.Error + again.Json);
            using (var json = JsonDocument.Parse(again.Json))
            {
                Assert.Equal(0, json.RootElement.GetProperty("events_read").GetInt64());
            }

            await using var original = SqliteOutlayStore.Open(first.FilePath);
            await original.InitializeAsync(ct);
            await using (var clickhouse = new ClickHouseOutlayStore(ClickHouseStoreOptions.Parse(url), SqliteOutlayStore.Open(control.FilePath)))
            {
                await clickhouse.InitializeAsync(ct);
                await StoreMigrateAssert.SameAnswersAsync(original, clickhouse, history);
            }

            await using var copy = SqliteOutlayStore.Open(last.FilePath);
            await copy.InitializeAsync(ct);
            await StoreMigrateAssert.SameAnswersAsync(original, copy, history);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            foreach (var node in nodes)
            {
                // The name is built from a GUID only.
                using var response = await client.PostAsync(node, new StringContent($"DROP DATABASE IF EXISTS `{database}`"), CancellationToken.None);
            }
        }
    }

    private static List<Uri> RequireNodes(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            var reason = $"No ClickHouse server: {variable} is not set.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI must run the ClickHouse tests (.ci/run starts servers with .ci/clickhouse-start).");
            }

            Assert.Skip(reason + " Start them with: eval \"$(.ci/clickhouse-start)\"");
        }

        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => new Uri(n)).ToList();
    }
}
