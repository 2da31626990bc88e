using Outlay.Testing;
using System.Net.Http.Headers;
using System.Text.Json;
using Outlay.Core.Budgets;
using Outlay.Core.Events;
using Outlay.Core.Keys;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Sqlite;

namespace Outlay.Cli.Tests;

/// <summary>
/// Two real <c>outlay serve</c> processes on one store file: both run their alert pass as they start, at nearly the same
/// moment, and the store's unique key lets exactly one of them record each alert.
/// </summary>
public sealed class BudgetProofProcessTests
{
    private const long Dollar = 1_000_000_000L;

    [Fact]
    public async Task Two_serve_processes_on_one_store_record_one_alert_per_threshold()
    {
        using var store = new TempStore();
        var read = await SeedAsync(store);
        var first = ServeChildProcess.Start(["--store", store.Spec]);
        var second = ServeChildProcess.Start(["--store", store.Spec]);
        try
        {
            var addresses = await Task.WhenAll(first.WaitUntilListeningAsync(), second.WaitUntilListeningAsync());
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", read);

            // Each alert is logged once, by the process whose insert won; wait until the log lines and the history agree.
            List<string> alerts = [];
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                alerts = await AlertsAsync(http, addresses[0]);
                if (alerts.Count >= 3 && Fired(first) + Fired(second) == alerts.Count)
                {
                    break;
                }

                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            // The spend is seconds old: too little history for a forecast alert, so the thresholds alone fire.
            Assert.Equal(["threshold 100", "threshold 50", "threshold 80"], alerts);
            Assert.Equal(alerts, await AlertsAsync(http, addresses[1]));
            Assert.Equal(3, Fired(first) + Fired(second));
            Assert.DoesNotContain(first.Lines.Concat(second.Lines), l => l.Contains("failed", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }
    }

    /// <summary>A $10 monthly budget with $12 already spent this month; returns a read key.</summary>
    private static async Task<string> SeedAsync(TempStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var opened = SqliteOutlayStore.Open(store.FilePath);
        await opened.InitializeAsync(ct);
        var project = await opened.EnsureProjectAsync("proof", ct);
        var now = DateTimeOffset.UtcNow;
        await opened.AddBudgetAsync(BudgetParser.Parse(new BudgetDraft("Month", "10", "month", "UTC", null, null, null), "bud-proc", project.Id, now), ct);
        var e = new UsageEvent { Id = Guid.NewGuid(), Timestamp = now.AddSeconds(-1), Provider = "openai", Model = "proof-model", Usage = new TokenUsage(100, 10) };
        await opened.AppendEventsAsync(project.Id, [new PricedEvent(e, new CostResult(true, 12 * Dollar, new Dictionary<string, long>(), "proof", "proof-model"), now)], ct);
        var (text, record) = ApiKeyFactory.Create(ApiKeyKind.Read, project.Id, [], "proof", now);
        await opened.AddKeyAsync(record, ct);
        return text;
    }

    private static int Fired(ServeChildProcess serve) => serve.Lines.Count(l => l.Contains("Budget alert fired", StringComparison.Ordinal));

    private static async Task<List<string>> AlertsAsync(HttpClient http, Uri server)
    {
        using var response = await http.GetAsync(new Uri(server, "/api/v1/alerts?limit=100"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("alerts").EnumerateArray()
            .Select(a => $"{a.GetProperty("kind").GetString()} {a.GetProperty("threshold").GetInt32()}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
