using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed partial class BudgetProofProcessTests
{
    private const long Dollar = 1_000_000_000L;

    [Fact]
    public async Task Two_serve_processes_on_one_store_record_one_alert_per_threshold()
    {
        using var store = new TempStore();
        var read = await SeedAsync(store);
        var first = ServeProcess.Start(store.Spec);
        var second = ServeProcess.Start(store.Spec);
        try
        {
            var addresses = await Task.WhenAll(first.AddressAsync(), second.AddressAsync());
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", read);

            // Each alert is logged once, by the process whose insert won; wait until the log lines and the history agree.
            List<string> alerts = [];
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                alerts = await AlertsAsync(http, addresses[0]);
                if (alerts.Count >= 3 && first.FiredCount + second.FiredCount == alerts.Count)
                {
                    break;
                }

                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            // The spend is seconds old: too little history for a forecast alert, so the thresholds alone fire.
            Assert.Equal(["threshold 100", "threshold 50", "threshold 80"], alerts);
            Assert.Equal(alerts, await AlertsAsync(http, addresses[1]));
            Assert.Equal(3, first.FiredCount + second.FiredCount);
            Assert.DoesNotContain(first.Lines.Concat(second.Lines), l => l.Contains("failed", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            first.Stop();
            second.Stop();
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

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    /// <summary>One <c>outlay serve</c> child process on a free loopback port, with its output collected.</summary>
    private sealed class ServeProcess
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ServeProcess(Process process) => _process = process;

        public IEnumerable<string> Lines => _lines;

        public int FiredCount => _lines.Count(l => l.Contains("Budget alert fired", StringComparison.Ordinal));

        public static ServeProcess Start(string storeSpec)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "outlay.dll"), "serve", "--urls", "http://127.0.0.1:0", "--store", storeSpec })
            {
                info.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = info };
            var serve = new ServeProcess(process);
            process.OutputDataReceived += (_, e) => serve.Add(e.Data);
            process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return serve;
        }

        public async Task<Uri> AddressAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                return await _address.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("outlay serve did not report its address: " + string.Join(Environment.NewLine, _lines));
                throw;
            }
        }

        public void Stop()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            _process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            _lines.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _address.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
    }
}
