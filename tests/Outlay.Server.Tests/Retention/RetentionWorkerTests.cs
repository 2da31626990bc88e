using Microsoft.Extensions.Logging.Abstractions;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Retention;
using Outlay.Storage.Sqlite;

namespace Outlay.Server.Tests.Retention;

/// <summary>The server's retention pass: off by default, whole months only, never younger than ingest's oldest accepted event.</summary>
public sealed class RetentionWorkerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outlay-retention-" + Guid.NewGuid().ToString("N"));

    public RetentionWorkerTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Retention_is_off_by_default_and_never_shorter_than_the_oldest_event_ingest_accepts()
    {
        var options = new OutlayServerOptions { StorePath = "unused.db" };
        Assert.Null(options.RawEventRetention);
        Assert.Equal(TimeSpan.FromDays(400), OutlayServerOptions.MinimumRawEventRetention);

        options.RawEventRetention = TimeSpan.FromDays(399);
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Contains("400 days", error.Message, StringComparison.Ordinal);
        options.RawEventRetention = TimeSpan.FromDays(400);
        options.Validate();
    }

    [Theory]
    [InlineData("2026-11-24T03:00:00Z", 400, "2025-10-01T00:00:00Z")]
    [InlineData("2026-11-01T00:00:00Z", 400, "2025-09-01T00:00:00Z")]
    [InlineData("2026-03-01T00:30:00Z", 731, "2024-02-01T00:00:00Z")]
    public void The_cutoff_is_the_start_of_the_month_that_holds_the_horizon(string now, int days, string expected)
    {
        var cutoff = RetentionWorker.CutoffFor(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromDays(days));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), cutoff);
        Assert.True(cutoff <= DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture) - TimeSpan.FromDays(days));
    }

    [Fact]
    public async Task A_pass_deletes_only_months_wholly_older_than_the_retention_and_spend_stays_the_same()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = SqliteOutlayStore.Open(Path.Combine(_directory, "outlay.db"));
        await store.InitializeAsync(ct);
        var project = (await store.EnsureProjectAsync("app", ct)).Id;
        // 450 days ago (2025-08-31: deleted), 410 days ago (2025-10-10, in the horizon's month: kept), and yesterday.
        await store.AppendEventsAsync(project, [Event(Now.AddDays(-450), 1_000), Event(Now.AddDays(-410), 20_000), Event(Now.AddDays(-1), 300_000)], ct);
        var query = SpendQueryParser.Parse("2025-08-01", "2026-09-01", "model", "day", null, Now);
        var before = await store.QuerySpendAsync(project, query, ct);
        var options = new OutlayServerOptions { StorePath = "unused.db", RawEventRetention = TimeSpan.FromDays(400) };
        var worker = new RetentionWorker(store, TimeProvider.System, options, NullLogger<RetentionWorker>.Instance);

        var deleted = await worker.RunOnceAsync(Now, ct);
        var again = await worker.RunOnceAsync(Now, ct);

        Assert.Equal((1, 0), (deleted, again));
        var after = await store.QuerySpendAsync(project, query, ct);
        Assert.Equal(21_000, before.TotalCostNanoUsd);
        Assert.Equal(before.TotalCostNanoUsd, after.TotalCostNanoUsd);
        Assert.Equal(before.Rows.Select(r => (r.Bucket, r.CostNanoUsd, r.Events)), after.Rows.Select(r => (r.Bucket, r.CostNanoUsd, r.Events)));
    }

    [Fact]
    public async Task Without_a_retention_a_pass_deletes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = SqliteOutlayStore.Open(Path.Combine(_directory, "outlay.db"));
        await store.InitializeAsync(ct);
        var project = (await store.EnsureProjectAsync("app", ct)).Id;
        await store.AppendEventsAsync(project, [Event(Now.AddDays(-500), 1_000)], ct);
        var worker = new RetentionWorker(store, TimeProvider.System, new OutlayServerOptions { StorePath = "unused.db" }, NullLogger<RetentionWorker>.Instance);

        Assert.Equal(0, await worker.RunOnceAsync(Now, ct));
        Assert.Equal(1_000, (await store.QuerySpendAsync(project, SpendQueryParser.Parse("2025-07-01", "2026-07-01", null, null, null, Now), ct)).TotalCostNanoUsd);
    }

    private static PricedEvent Event(DateTimeOffset at, long costNano) =>
        new(
            new UsageEvent { Id = Guid.NewGuid(), Timestamp = at, Provider = "openai", Model = "gpt-4o", Usage = new TokenUsage(100, 10) },
            new CostResult(true, costNano, new Dictionary<string, long>(), "openai/gpt-4o", "gpt-4o"),
            at.AddSeconds(1));
}
