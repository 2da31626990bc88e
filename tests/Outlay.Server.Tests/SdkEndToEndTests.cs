using System.Net;
using Outlay.Core.Keys;
using Outlay.Core.Pricing;
using Outlay.Sdk;
using Outlay.Server.Tests.Support;
using CoreTokenUsage = Outlay.Core.Events.TokenUsage;
using SdkUsageEvent = Outlay.Sdk.UsageEvent;

namespace Outlay.Server.Tests;

/// <summary>
/// The real SDK → real server → spend API: what the API reports equals the cost calculator's prices summed,
/// to the nano-dollar, and an unknown model is counted as unpriced rather than costed at $0.
/// </summary>
public sealed class SdkEndToEndTests
{
    private const string UnknownModel = "no-such-model-2099";

    [Fact]
    public async Task Tracked_events_come_back_from_the_spend_API_priced_to_the_nano_dollar()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("e2e");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        var tracked = new List<SdkUsageEvent>
        {
            Usage("gpt-4o-mini", 1200, 300, 1000, "summarize", at),
            Usage("gpt-4o-mini", 800, 120, 0, "summarize", at),
            Usage("gpt-4o-mini", 5000, 40, 4096, "classify", at),
            Usage("gpt-4o", 2000, 600, 0, "summarize", at),
            Usage("gpt-4o", 300, 900, 0, "chat", at),
            Usage(UnknownModel, 100, 100, 0, "chat", at),
        };

        await using (var client = new OutlayClient(new OutlayClientOptions
        {
            Endpoint = server.BaseAddress,
            IngestKey = ingest,
            FlushInterval = TimeSpan.FromMilliseconds(50),
        }))
        {
            foreach (var usage in tracked)
            {
                client.Track(usage);
            }

            Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            var statistics = client.GetStatistics();
            Assert.Equal(tracked.Count, statistics.Delivered);
            Assert.Equal(0, statistics.DroppedRejected + statistics.DroppedSendFailed + statistics.DroppedQueueFull);
        }

        var spend = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?groupBy=model,tag.feature", read), HttpStatusCode.OK);

        // Expected: the calculator's price of each event, summed per (model, feature); unpriced events add no cost.
        var calculator = new CostCalculator(PriceCatalog.BuiltIn);
        var expected = tracked
            .GroupBy(e => (e.Model, Feature: e.Tags!["feature"]))
            .ToDictionary(
                g => g.Key,
                g => (Cost: g.Sum(e => Price(calculator, e).CostNanoUsd ?? 0), Events: g.LongCount(), Unpriced: g.LongCount(e => !Price(calculator, e).Priced)));
        Assert.All(tracked.Where(e => e.Model != UnknownModel), e => Assert.True(Price(calculator, e).Priced, $"{e.Model} should be in the built-in catalog"));
        Assert.False(Price(calculator, tracked[^1]).Priced);

        var rows = spend.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var group = (row.GetProperty("model").GetString()!, row.GetProperty("tag.feature").GetString()!);
            Assert.True(expected.TryGetValue(group, out var want), $"unexpected group {group}");
            Assert.Equal(want.Cost, NanoUsd.FromUsd(row.GetProperty("cost_usd").GetDecimal()));
            Assert.Equal(want.Events, row.GetProperty("events").GetInt64());
            Assert.Equal(want.Unpriced, row.GetProperty("unpriced_events").GetInt64());
        }

        Assert.Equal(expected.Values.Sum(v => v.Cost), NanoUsd.FromUsd(spend.GetProperty("total_cost_usd").GetDecimal()));
        Assert.Equal(1, spend.GetProperty("unpriced_events").GetInt64());
    }

    [Fact]
    public async Task A_spend_filter_narrows_the_answer_and_a_bad_parameter_is_a_400_naming_it()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("filters");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var batch = EventJson.Batch(
            EventJson.Event(model: "gpt-4o-mini", tags: new Dictionary<string, string> { ["feature"] = "a" }),
            EventJson.Event(model: "gpt-4o", tags: new Dictionary<string, string> { ["feature"] = "b" }));
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, batch), HttpStatusCode.OK);

        var filtered = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?groupBy=model&filter=tag.feature:b", read), HttpStatusCode.OK);
        var badGroup = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?groupBy=colour", read), HttpStatusCode.BadRequest);
        var badFrom = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?from=yesterday-ish", read), HttpStatusCode.BadRequest);

        var row = Assert.Single(filtered.GetProperty("rows").EnumerateArray());
        Assert.Equal("gpt-4o", row.GetProperty("model").GetString());
        Assert.StartsWith("groupBy", badGroup.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("from", badFrom.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("yesterday-ish", badFrom.GetRawText(), StringComparison.Ordinal);
    }

    private static SdkUsageEvent Usage(string model, long input, long output, long cacheRead, string feature, DateTimeOffset at) => new()
    {
        Provider = "openai",
        Model = model,
        InputTokens = input,
        OutputTokens = output,
        CacheReadTokens = cacheRead,
        Timestamp = at,
        Tags = new Dictionary<string, string> { ["feature"] = feature },
    };

    private static CostResult Price(CostCalculator calculator, SdkUsageEvent e) =>
        calculator.Calculate(e.Provider, e.Model, new CoreTokenUsage(e.InputTokens, e.OutputTokens, e.CacheReadTokens), "default", e.Timestamp);
}
