using Outlay.Testing;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Outlay.Server.IntegrationTests.MultiProcess;

/// <summary>
/// Issue 7, several <c>outlay serve</c> processes on one store: exactly one is the job runner (it alone runs detection
/// passes), a SIGKILLed runner is replaced within the bound, and a detection history seen by two successive runners
/// gives one finding and one webhook delivery, not two. On one SQLite file and on one PostgreSQL database.
/// </summary>
public sealed class JobRunnerFailoverTests
{
    // The standby's poll interval (5 s, JobRunner.PollInterval) plus room for a loaded 2-core machine.
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(25);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task One_process_runs_the_jobs_a_killed_runner_is_replaced_and_a_finding_is_delivered_once(string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SharedStore.CreateAsync(engine);
        await using var receiver = await WebhookReceiver.StartAsync();
        var first = store.StartServer();
        ServeChildProcess? second = null;
        ServeChildProcess? third = null;
        try
        {
            using var a = Client(await first.WaitUntilListeningAsync(), store.AdminKey);
            await WaitForRunnerAsync(a, first, TakeoverBound);

            second = store.StartServer();
            using var b = Client(await second.WaitUntilListeningAsync(), store.AdminKey);
            await Task.Delay(TimeSpan.FromSeconds(6), ct); // more than one poll interval: the standby has tried and failed
            await AssertStandbyAsync(b);
            Assert.True((await StatusAsync(a)).GetProperty("runner").GetBoolean());

            // The history: a webhook channel, a key label retired an hour ago and used since. The runner's detection pass ran
            // at its start, before any of it, and its next one is 5 minutes away: only a new runner's pass can find it.
            var channel = await a.PostAsJsonAsync("/api/v1/alert-channels", new { name = "ops", kind = "webhook", url = receiver.Url.ToString() }, ct);
            Assert.True(channel.IsSuccessStatusCode, await channel.Content.ReadAsStringAsync(ct));
            var now = DateTimeOffset.UtcNow;
            using var retire = new StringContent($$"""{"retired_at": "{{now.AddHours(-1):O}}", "replaced_by": "openai-new"}""", Encoding.UTF8, "application/json");
            var retired = await a.PutAsync("/api/v1/credentials/openai-old/retirement", retire, ct);
            Assert.True(retired.IsSuccessStatusCode, await retired.Content.ReadAsStringAsync(ct));
            await IngestAsync(a, store.IngestKey, now.AddMinutes(-1));
            Assert.Empty(await FindingsAsync(a));

            var killed = Stopwatch.StartNew();
            first.KillHard();
            var takeover = await WaitForRunnerAsync(b, second, TakeoverBound);
            var tookOverAfter = killed.Elapsed;

            var findings = await WaitForFindingsAsync(b, 1);
            Assert.Equal("retired_credential_in_use", findings[0].GetProperty("kind").GetString());
            await WaitForDeliveriesAsync(receiver, 1);

            // A third process stands by; the second is killed; the third runs detection over the same history.
            third = store.StartServer();
            using var c = Client(await third.WaitUntilListeningAsync(), store.AdminKey);
            await AssertStandbyAsync(c);
            second.KillHard();
            await WaitForRunnerAsync(c, third, TakeoverBound);
            await Task.Delay(TimeSpan.FromSeconds(12), ct); // two delivery intervals of the new runner
            Assert.Single(await FindingsAsync(c));
            Assert.Single(receiver.Bodies);

            Figures(engine, $"SIGKILLed runner replaced after {tookOverAfter.TotalSeconds:0.0} s (bound {TakeoverBound.TotalSeconds:0} s); successor detection passes {takeover.GetProperty("passes").GetProperty("detection").GetInt64()}; findings 1, webhook deliveries {receiver.Bodies.Count}");
            Assert.DoesNotContain(store.AdminKey, first.Output + second.Output + third.Output, StringComparison.Ordinal);
        }
        finally
        {
            first.Dispose();
            second?.Dispose();
            third?.Dispose();
        }
    }

    private static HttpClient Client(Uri address, string adminKey)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return client;
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/jobs/runner", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"/api/v1/jobs/runner answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertStandbyAsync(HttpClient client)
    {
        var status = await StatusAsync(client);
        Assert.False(status.GetProperty("runner").GetBoolean(), status.ToString());
        Assert.Empty(status.GetProperty("passes").EnumerateObject());
    }

    /// <summary>Polls until the process is the runner and has completed a detection pass; fails after <paramref name="bound"/>.</summary>
    private static async Task<JsonElement> WaitForRunnerAsync(HttpClient client, ServeChildProcess child, TimeSpan bound)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = await StatusAsync(client);
            if (status.GetProperty("runner").GetBoolean() && status.GetProperty("passes").TryGetProperty("detection", out _))
            {
                Assert.Equal(child.Id, status.GetProperty("process_id").GetInt32());
                return status;
            }

            Assert.True(waited.Elapsed < bound, $"not the job runner after {bound.TotalSeconds:0} s: {status}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task IngestAsync(HttpClient admin, string ingestKey, DateTimeOffset at)
    {
        var body = $$"""
            {"events": [{"id": "{{Guid.CreateVersion7()}}", "timestamp": "{{at:O}}", "provider": "openai", "model": "gpt-4o-mini",
              "usage": {"input_tokens": 100, "output_tokens": 10}, "service": "checkout", "environment": "prod", "key_label": "openai-old"}]}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
        var response = await admin.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal(1, JsonDocument.Parse(text).RootElement.GetProperty("accepted").GetInt32());
    }

    private static async Task<List<JsonElement>> FindingsAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/api/v1/findings?limit=1000", TestContext.Current.CancellationToken);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }

    private static async Task<List<JsonElement>> WaitForFindingsAsync(HttpClient client, int count)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var findings = await FindingsAsync(client);
            if (findings.Count >= count || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Equal(count, findings.Count);
                return findings;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task WaitForDeliveriesAsync(WebhookReceiver receiver, int count)
    {
        var waited = Stopwatch.StartNew();
        while (receiver.Bodies.Count < count && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Equal(count, receiver.Bodies.Count);
    }

    private static void Figures(string engine, string text) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"[figures] multiprocess-jobs {engine}: {text}");
}
