using Microsoft.Data.Sqlite;
using Outlay.Core.Querying;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// A file written at schema version 10 (the full hourly rollup with its 11-column text key) is converted in place to
/// version 11 (rows keyed by a <c>rollup_keys</c> id) and keeps every row and every answer.
/// </summary>
public sealed class KeyedRollupMigrationTests
{
    // The full rollup written out as the wide rows version 10 held, whichever shape the file has.
    private const string WideRowsV10Sql = """
        SELECT project_id || '|' || hour || '|' || provider || '|' || model || '|' || operation || '|' || service || '|' ||
            environment || '|' || key_label || '|' || status || '|' || service_tier || '|' || tags_json || '|' || cost_nano || '|' ||
            events || '|' || unpriced_events || '|' || input_tokens || '|' || output_tokens || '|' || cache_read_tokens || '|' ||
            cache_write_tokens || '|' || cache_write_1h_tokens || '|' || reasoning_tokens
        FROM rollups_hourly ORDER BY 1;
        """;

    private const string WideRowsV11Sql = """
        SELECT r.project_id || '|' || r.hour || '|' || k.provider || '|' || k.model || '|' || k.operation || '|' || k.service || '|' ||
            k.environment || '|' || k.key_label || '|' || k.status || '|' || k.service_tier || '|' || k.tags_json || '|' || r.cost_nano || '|' ||
            r.events || '|' || r.unpriced_events || '|' || r.input_tokens || '|' || r.output_tokens || '|' || r.cache_read_tokens || '|' ||
            r.cache_write_tokens || '|' || r.cache_write_1h_tokens || '|' || r.reasoning_tokens
        FROM rollups_hourly r JOIN rollup_keys k ON k.id = r.key_id AND k.project_id = r.project_id ORDER BY 1;
        """;

    private static readonly (string? GroupBy, string? Interval, string[]? Filters)[] Questions =
    [
        ("tag.feature,model", null, ["environment:prod", "service:checkout"]),
        ("model,tag.customer", "day", null),
        ("environment,model", "hour", null),
        (null, "day", ["tag.feature:chat"]),
        (null, null, null),
    ];

    [Fact]
    public async Task A_version_10_file_is_converted_to_keyed_rows_and_answers_exactly_as_before()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("random");
        var other = await temp.ProjectAsync("other");
        var events = await RandomHistory.AppendAsync(temp.Store, project, seed: 31, count: 1_500);
        var otherEvents = await RandomHistory.AppendAsync(temp.Store, other, seed: 32, count: 400);
        var rows = await temp.RowsAsync(WideRowsV11Sql);
        var answers = await AnswersAsync(temp, project);

        await temp.ReopenAsync(async () =>
        {
            await SchemaRewind.ToVersionAsync(temp.Path, 10);

            // What version 10 held: the wide table with every row, no key table.
            Assert.Equal(rows, await temp.RowsAsync(WideRowsV10Sql));
            Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'rollup_keys';"));
        });

        Assert.Equal(SqliteMigrations.LatestVersion, await temp.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.True(rows.Count > 1_000);
        Assert.Equal(rows, await temp.RowsAsync(WideRowsV11Sql));
        Assert.Equal(
            await temp.ScalarAsync("SELECT COUNT(*) FROM (SELECT DISTINCT project_id, key_id FROM rollups_hourly);"),
            await temp.ScalarAsync("SELECT COUNT(*) FROM rollup_keys;"));
        Assert.Equal(answers, await AnswersAsync(temp, project));
        foreach (var query in Queries())
        {
            SpendAssert.Equal(ExpectedSpend.Compute(events, query), await temp.Store.QuerySpendAsync(project, query, ct), query);
        }

        // Appends after the upgrade reuse the converted keys and add new ones.
        events.AddRange(await RandomHistory.AppendAsync(temp.Store, project, seed: 33, count: 300));
        otherEvents.AddRange(await RandomHistory.AppendAsync(temp.Store, other, seed: 34, count: 100));
        foreach (var query in Queries())
        {
            SpendAssert.Equal(ExpectedSpend.Compute(events, query), await temp.Store.QuerySpendAsync(project, query, ct), query);
            SpendAssert.Equal(ExpectedSpend.Compute(otherEvents, query), await temp.Store.QuerySpendAsync(other, query, ct), query);
        }
    }

    private static IEnumerable<SpendQuery> Queries() =>
        Questions.Select(q => SpendQueryParser.Parse("2026-11-15", null, q.GroupBy, q.Interval, q.Filters, RandomEvents.Start.AddDays(10)));

    private static async Task<List<string>> AnswersAsync(TempStore temp, string project)
    {
        var answers = new List<string>();
        foreach (var query in Queries())
        {
            var result = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);
            answers.Add(System.Text.Json.JsonSerializer.Serialize(result));
        }

        return answers;
    }
}
