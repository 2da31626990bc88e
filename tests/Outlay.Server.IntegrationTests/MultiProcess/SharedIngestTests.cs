using Outlay.Testing;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Outlay.Server.IntegrationTests.MultiProcess;

/// <summary>
/// Issue 7, ingest on several processes: two <c>outlay serve</c> processes on one store receive every event of a batch
/// set at the same time (one SDK retrying against another instance behind a load balancer). Each event is stored once,
/// the duplicates are answered as such, and both processes report the same exact spend.
/// </summary>
public sealed class SharedIngestTests
{
    private const int Batches = 20;
    private const int BatchSize = 100;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_same_events_sent_to_two_processes_at_once_are_stored_once(string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await SharedStore.CreateAsync(engine);
        using var first = store.StartServer();
        using var second = store.StartServer();
        using var a = Client(await first.WaitUntilListeningAsync(), store.IngestKey);
        using var b = Client(await second.WaitUntilListeningAsync(), store.IngestKey);
        var now = DateTimeOffset.UtcNow;
        var batches = Enumerable.Range(0, Batches).Select(i => Batch(now, i)).ToList();

        // Two senders per process; process A takes the batches in order, process B in reverse, so they meet in the middle.
        var sends = new[]
        {
            SendAllAsync(a, batches.Where((_, i) => i % 2 == 0)),
            SendAllAsync(a, batches.Where((_, i) => i % 2 == 1)),
            SendAllAsync(b, batches.AsEnumerable().Reverse().Where((_, i) => i % 2 == 0)),
            SendAllAsync(b, batches.AsEnumerable().Reverse().Where((_, i) => i % 2 == 1)),
        };
        var answers = (await Task.WhenAll(sends)).SelectMany(x => x).ToList();

        Assert.Equal(Batches * BatchSize, answers.Sum(x => x.Accepted));
        Assert.Equal(Batches * BatchSize, answers.Sum(x => x.Duplicates));
        a.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", store.AdminKey);
        b.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", store.AdminKey);
        var spendA = await SpendAsync(a, now, ct);
        var spendB = await SpendAsync(b, now, ct);
        Assert.Equal(Batches * BatchSize, spendA.Events);
        Assert.Equal(spendA, spendB);
        Assert.True(spendA.CostUsd > 0m);
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static string Batch(DateTimeOffset now, int index)
    {
        var events = Enumerable.Range(0, BatchSize).Select(i => $$"""
            {"id": "{{Guid.CreateVersion7()}}", "timestamp": "{{now.AddMinutes(-1).AddMilliseconds(-(index * BatchSize + i)):O}}", "provider": "openai", "model": "gpt-4o-mini",
             "usage": {"input_tokens": {{100 + i}}, "output_tokens": {{10 + index}}}, "service": "checkout", "environment": "prod", "key_label": "openai-prod"}
            """);
        return "{\"events\": [" + string.Join(",", events) + "]}";
    }

    private static async Task<List<(int Accepted, int Duplicates)>> SendAllAsync(HttpClient client, IEnumerable<string> batches)
    {
        var answers = new List<(int, int)>();
        foreach (var batch in batches)
        {
            using var content = new StringContent(batch, Encoding.UTF8, "application/json");
            var response = await client.PostAsync("/v1/events", content, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"/v1/events answered {(int)response.StatusCode}: {text}");
            var root = JsonDocument.Parse(text).RootElement;
            Assert.Empty(root.GetProperty("rejected").EnumerateArray());
            answers.Add((root.GetProperty("accepted").GetInt32(), root.GetProperty("duplicates").GetInt32()));
        }

        return answers;
    }

    private static async Task<(long Events, decimal CostUsd)> SpendAsync(HttpClient client, DateTimeOffset now, CancellationToken ct)
    {
        static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var text = await client.GetStringAsync($"/api/v1/spend?from={Uri.EscapeDataString(Format(now.AddHours(-3)))}&to={Uri.EscapeDataString(Format(now.AddHours(3)))}", ct);
        var root = JsonDocument.Parse(text).RootElement;
        return (root.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("events").GetInt64()), root.GetProperty("total_cost_usd").GetDecimal());
    }
}
