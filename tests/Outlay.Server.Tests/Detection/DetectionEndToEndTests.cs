using System.Text.Json;
using static Outlay.Server.Tests.Detection.DetectionServer;

namespace Outlay.Server.Tests.Detection;

/// <summary>
/// Synthetic histories sent through <c>POST /v1/events</c> on a server whose clock stands at Monday 10:20 UTC, one
/// detection pass, and the findings as <c>GET /api/v1/findings</c> shows them: each anomaly is exactly one finding with
/// its place and expectation, a quiet history is none, and a second pass adds nothing.
/// </summary>
public sealed class DetectionEndToEndTests
{
    private static readonly DateTimeOffset SpikeHour = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_spend_spike_on_a_key_label_is_one_finding()
    {
        await using var server = await StartAsync();

        // Five weeks of $1 an hour on one label, then $50 in Monday 09:00–10:00.
        await server.IngestAsync(Hours(CurrentHour.AddDays(-35), CurrentHour)
            .Select(h => Event(h.AddMinutes(10), "openai-prod", inputTokens: h == SpikeHour ? 50_000_000 : 1_000_000)));
        await server.DetectAsync();

        var finding = Assert.Single(await server.FindingsAsync());
        Assert.Equal("spend_spike", finding.GetProperty("kind").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("openai-prod", finding.GetProperty("where").GetProperty("key_label").GetString());
        Assert.Equal("$1.00/h (median of 4 same hours of week)", finding.GetProperty("expected").GetString());
        Assert.Equal("$50.00/h", finding.GetProperty("observed").GetString());
        await AssertSecondPassAddsNothingAsync(server);
    }

    [Fact]
    public async Task A_runaway_loop_from_one_instance_and_feature_is_one_finding()
    {
        await using var server = await StartAsync();
        var tags = new Dictionary<string, string> { ["feature"] = "summarize" };

        // A week of office hours at 6 calls an hour, then 400 calls in the first 20 minutes of this hour.
        var history = Hours(CurrentHour.AddDays(-7), CurrentHour)
            .Where(h => h.Hour is >= 8 and < 18)
            .SelectMany(h => Enumerable.Range(0, 6).Select(i => Event(h.AddMinutes(i * 10), "openai-batch", service: "worker", instance: "host-1", tags: tags)));
        var burst = Enumerable.Range(0, 400).Select(i => Event(CurrentHour.AddSeconds(i * 3), "openai-batch", service: "worker", instance: "host-1", tags: tags));
        await server.IngestAsync(history.Concat(burst));
        await server.DetectAsync();

        var finding = Assert.Single(await server.FindingsAsync());
        Assert.Equal("runaway_loop", finding.GetProperty("kind").GetString());
        var where = finding.GetProperty("where");
        Assert.Equal(("openai-batch", "worker", "host-1", "summarize"), (Text(where, "key_label"), Text(where, "service"), Text(where, "instance"), Text(where, "feature")));
        Assert.Equal("0.1 calls/min (median 6 calls per active hour over the last 7 days)", finding.GetProperty("expected").GetString());
        Assert.Equal("20 calls/min (400 calls in 20 min)", finding.GetProperty("observed").GetString());
        await AssertSecondPassAddsNothingAsync(server);
    }

    [Fact]
    public async Task A_retired_label_still_in_use_is_one_critical_finding_naming_the_place()
    {
        await using var server = await StartAsync();

        // Ten days from two places; checkout moved off the label yesterday, the batch worker never did.
        var history = Hours(CurrentHour.AddDays(-10), CurrentHour.AddDays(-1)).Where(h => h.Hour == 12)
            .SelectMany(h => new[] { Event(h, "openai-2025", service: "checkout", instance: "web-1", environment: "prod"), Event(h, "openai-2025", service: "batch", instance: "worker-3", environment: "prod") });
        await server.IngestAsync([.. history, Event(Now.AddMinutes(-10), "openai-2025", service: "batch", instance: "worker-3", environment: "prod")]);
        await server.RetireAsync("openai-2025", Now.AddHours(-12), "openai-2026");
        await server.DetectAsync();

        var finding = Assert.Single(await server.FindingsAsync());
        Assert.Equal("retired_credential_in_use", finding.GetProperty("kind").GetString());
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        var where = finding.GetProperty("where");
        Assert.Equal(("openai-2025", "batch", "prod", "worker-3"), (Text(where, "key_label"), Text(where, "service"), Text(where, "environment"), Text(where, "instance")));
        Assert.Equal("last used 2026-11-23 10:10 UTC", finding.GetProperty("observed").GetString());
        Assert.Contains("replaced by openai-2026", finding.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertSecondPassAddsNothingAsync(server);
    }

    [Fact]
    public async Task A_new_instance_for_a_label_is_one_finding()
    {
        await using var server = await StartAsync();

        // Ten days from host-1 and host-2, then host-9 half an hour ago.
        var history = Hours(CurrentHour.AddDays(-10), CurrentHour).Where(h => h.Hour % 6 == 0)
            .SelectMany(h => new[] { Event(h, "openai-prod", service: "checkout", instance: "host-1"), Event(h, "openai-prod", service: "checkout", instance: "host-2") });
        await server.IngestAsync([.. history, Event(Now.AddMinutes(-30), "openai-prod", service: "checkout", instance: "host-9")]);
        await server.DetectAsync();

        var finding = Assert.Single(await server.FindingsAsync());
        Assert.Equal("new_instance", finding.GetProperty("kind").GetString());
        Assert.Equal("host-9", Text(finding.GetProperty("where"), "instance"));
        Assert.Equal("instance host-1, host-2", finding.GetProperty("expected").GetString());
        Assert.Equal("instance host-9", finding.GetProperty("observed").GetString());
        await AssertSecondPassAddsNothingAsync(server);
    }

    [Fact]
    public async Task A_quiet_history_is_no_finding()
    {
        await using var server = await StartAsync();
        var tags = new Dictionary<string, string> { ["feature"] = "summarize", ["customer"] = "acme" };

        // Five weeks, every hour, the same label, service, instance, feature and customer at a steady $2 an hour,
        // busier on Monday mornings every week (this Monday too), up to now.
        await server.IngestAsync(Hours(CurrentHour.AddDays(-35), CurrentHour.AddHours(1))
            .Select(h => Event(
                h.AddMinutes(5),
                "openai-prod",
                inputTokens: h.DayOfWeek == DayOfWeek.Monday && h.Hour == 9 ? 20_000_000 : 2_000_000,
                service: "checkout",
                instance: "host-1",
                environment: "prod",
                tags: tags)));
        var recorded = await server.DetectAsync();

        Assert.Empty(recorded);
        Assert.Empty(await server.FindingsAsync());
    }

    private static async Task AssertSecondPassAddsNothingAsync(DetectionServer server)
    {
        var before = (await server.FindingsAsync()).Select(f => f.GetProperty("id").GetString()).ToList();
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await server.DetectAsync();

        Assert.Equal(before, (await server.FindingsAsync()).Select(f => f.GetProperty("id").GetString()));
    }

    private static string? Text(JsonElement where, string name) =>
        where.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
