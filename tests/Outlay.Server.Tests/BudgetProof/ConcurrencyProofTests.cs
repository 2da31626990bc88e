using System.Net;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.BudgetProof;

/// <summary>
/// Concurrency: many parallel ingest batches with duplicates and retries give exact totals and one alert per threshold,
/// and two server instances on one store running their alert workers at the same instant fire each alert once.
/// </summary>
public sealed class ConcurrencyProofTests
{
    private const long Dollar = 1_000_000_000L;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Thirty_two_parallel_batches_with_duplicates_and_retries_give_exact_totals_and_one_alert_per_threshold()
    {
        using var folder = new ProofFolder();
        await using var server = await ProofServer.StartAsync(new ProofClock(Now), folder.Path);
        var budget = await server.AddBudgetAsync("""{"name":"Month","amount":10,"period":"month","time_zone":"UTC"}""");

        // 24 distinct batches of 25 events at $0.02 ($12 in all); each batch also repeats one of its own events, and
        // 8 batches are sent a second time as an SDK retry would. The alert worker runs while they land.
        var random = new Random(32);
        var batches = new List<string>();
        for (var b = 0; b < 24; b++)
        {
            var events = Enumerable.Range(0, 25)
                .Select(_ => (Id: Guid.CreateVersion7(), At: Now.AddMinutes(-random.Next(1, 60 * 24 * 20))))
                .ToList();
            batches.Add(EventJson.Batch([.. events.Select(e => ProofServer.Event(e.At, 0.02m, e.Id)), ProofServer.Event(events[3].At, 0.02m, events[3].Id)]));
        }

        var sends = batches.Concat(batches.Take(8)).Select(batch => Task.Run(async () => await server.PostBatchAsync(batch))).ToList();
        var alertRuns = Enumerable.Range(0, 6).Select(_ => Task.Run(server.RunAlertsAsync)).ToList();
        var answers = await Task.WhenAll(sends);
        await Task.WhenAll(alertRuns);
        await server.RunAlertsAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.RunAlertsAsync()));

        Assert.Equal(32, answers.Length);
        Assert.Equal(24 * 25, answers.Sum(a => a.GetProperty("accepted").GetInt32()));
        Assert.Equal((24 * 1) + (8 * 26), answers.Sum(a => a.GetProperty("duplicates").GetInt32()));
        Assert.Equal(12 * Dollar, (await server.EvaluationAsync(budget)).GetProperty("spent_nano_usd").GetInt64());
        var spend = await ApiJson.ExpectAsync(await server.Server.GetAsync("/api/v1/spend?from=2026-11-01&to=2026-11-24", server.Read), HttpStatusCode.OK);
        Assert.Equal(12m, spend.GetProperty("total_cost_usd").GetDecimal());
        Assert.Equal(
            ["threshold 100 @2026-11-01T00:00Z", "threshold 50 @2026-11-01T00:00Z", "threshold 80 @2026-11-01T00:00Z"],
            await server.ThresholdAlertsAsync());
        Assert.Single(await server.AlertsAsync(), a => a.StartsWith("forecast", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_server_instances_on_one_store_running_alerts_at_the_same_instant_fire_each_once()
    {
        using var folder = new ProofFolder();
        var clock = new ProofClock(Now);
        await using var first = await ProofServer.StartAsync(clock, folder.Path, folder.StorePath);
        await using var second = await ProofServer.StartAsync(clock, folder.Path, folder.StorePath);
        await first.AddBudgetAsync("""{"name":"Month","amount":10,"period":"month","time_zone":"UTC","thresholds":[25,50,75,100]}""");
        await first.AddBudgetAsync("""{"name":"Day","amount":1,"period":"day","time_zone":"Europe/Berlin"}""");
        await second.PostAsync(ProofServer.Event(Now.AddDays(-2), 9m), ProofServer.Event(Now.AddHours(-1), 3m));

        var fired = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var runs = await Task.WhenAll(Task.Run(first.RunAlertsAsync), Task.Run(second.RunAlertsAsync));
            fired.AddRange(runs.SelectMany(r => r).Select(a => $"{a.BudgetName} {a.KindName} {a.Threshold}"));
        }

        // Month: $12 of $10 reaches 25, 50, 75 and 100. Day: $3 of $1 reaches 50, 80 and 100.
        Assert.Equal(
            ["Day threshold 100", "Day threshold 50", "Day threshold 80", "Month threshold 100", "Month threshold 25", "Month threshold 50", "Month threshold 75"],
            fired.Where(f => f.Contains("threshold", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(fired.Count, fired.Distinct().Count());
        Assert.Equal(fired.Count, (await first.AlertsAsync()).Count);
        Assert.Equal(await first.AlertsAsync(), await second.AlertsAsync());
    }
}
