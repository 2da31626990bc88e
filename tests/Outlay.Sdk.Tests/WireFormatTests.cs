using System.Globalization;
using System.Text.Json;
using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public async Task Gzip_body_decodes_to_v1_json_with_the_exact_field_names()
    {
        var transport = new FakeTransport();
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        var id = Guid.Parse("01934f1e-8a2b-7c3d-9e4f-0123456789ab");
        client.Track(new UsageEvent
        {
            Id = id,
            Timestamp = new DateTimeOffset(2026, 11, 23, 11, 15, 2, 123, TimeSpan.FromHours(1)),
            Provider = "openai",
            Model = "gpt-4o-mini-2024-07-18",
            Operation = "chat",
            InputTokens = 1200,
            OutputTokens = 300,
            CacheReadTokens = 1000,
            CacheWriteTokens = 5,
            CacheWrite1hTokens = 6,
            ReasoningTokens = 120,
            ServiceTier = "default",
            Status = "ok",
            LatencyMs = 812,
            Service = "billing",
            Environment = "prod",
            Instance = "pod-7f9c",
            KeyLabel = "openai-prod-2026-03",
            Tags = new Dictionary<string, string> { ["feature"] = "summarize", ["customer"] = "acme" },
            CostUsd = 0.000321m,
        });

        var request = await transport.NextAsync();

        Assert.True(request.Gzip);
        Assert.Equal(["events"], request.Root.EnumerateObject().Select(p => p.Name));
        var e = request.Root.GetProperty("events")[0];
        Assert.Equal(
            ["id", "timestamp", "provider", "model", "operation", "usage", "service_tier", "status", "latency_ms", "service", "environment", "instance", "key_label", "tags", "cost_usd"],
            e.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens"],
            e.GetProperty("usage").EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, e.GetProperty("id").GetGuid());
        // 11:15:02.123 at +01:00 is 10:15:02.123 UTC.
        Assert.Equal("2026-11-23T10:15:02.123Z", e.GetProperty("timestamp").GetString());
        Assert.Equal(1000, e.GetProperty("usage").GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(6, e.GetProperty("usage").GetProperty("cache_write_1h_tokens").GetInt64());
        Assert.Equal("billing", e.GetProperty("service").GetString());
        Assert.Equal("acme", e.GetProperty("tags").GetProperty("customer").GetString());
        Assert.Equal("0.000321", e.GetProperty("cost_usd").GetRawText());
    }

    [Fact]
    public async Task Nulls_are_omitted_and_option_defaults_fill_service_environment_and_instance()
    {
        var transport = new FakeTransport();
        var options = TestOptions.Create();
        options.CompressRequests = false;
        await using var client = new OutlayClient(options, transport, TimeProvider.System);
        client.Track(TestOptions.Event());

        var request = await transport.NextAsync();

        Assert.False(request.Gzip);
        var e = request.Root.GetProperty("events")[0];
        Assert.Equal(
            ["id", "timestamp", "provider", "model", "operation", "usage", "service", "environment", "instance"],
            e.EnumerateObject().Select(p => p.Name));
        Assert.Equal("checkout-api", e.GetProperty("service").GetString());
        Assert.Equal("test", e.GetProperty("environment").GetString());
        Assert.Equal("pod-1", e.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Track_stamps_a_uuidv7_id_and_the_time_from_the_clock()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var transport = new FakeTransport();
        await using var client = new OutlayClient(TestOptions.Create(), transport, new RecordingTimeProvider(now));
        var usage = TestOptions.Event();

        client.Track(usage);

        Assert.Equal(7, usage.Id.Version);
        Assert.Equal(now, usage.Timestamp);
        var e = (await transport.NextAsync()).Root.GetProperty("events")[0];
        Assert.Equal(usage.Id, e.GetProperty("id").GetGuid());
        Assert.Equal(now, DateTimeOffset.Parse(e.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Cost_keeps_every_decimal_digit()
    {
        var transport = new FakeTransport();
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        var usage = TestOptions.Event();
        usage.CostUsd = 123456.123456789012345678m;
        client.Track(usage);

        var e = (await transport.NextAsync()).Root.GetProperty("events")[0];

        Assert.Equal("123456.123456789012345678", e.GetProperty("cost_usd").GetRawText());
        Assert.Equal(JsonValueKind.Number, e.GetProperty("cost_usd").ValueKind);
    }

    [Fact]
    public async Task Tags_the_server_would_refuse_are_left_out_so_the_event_is_kept()
    {
        var transport = new FakeTransport();
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        var usage = TestOptions.Event();
        usage.Tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["feature"] = "summarize",
            ["Bad Key"] = "x",
            ["long"] = new string('v', 129),
            ["edge"] = new string('v', 128),
            ["newline"] = "a\nb",
        };
        for (var i = 0; i < 30; i++)
        {
            usage.Tags["t" + i.ToString(CultureInfo.InvariantCulture)] = "v";
        }

        client.Track(usage);
        var tags = (await transport.NextAsync()).Root.GetProperty("events")[0].GetProperty("tags");
        var names = tags.EnumerateObject().Select(p => p.Name).ToList();

        // The first 24 acceptable tags are sent, in order; the bad key and the over-long value are not.
        Assert.Equal(24, names.Count);
        Assert.Equal("summarize", tags.GetProperty("feature").GetString());
        Assert.Equal(128, tags.GetProperty("edge").GetString()!.Length);
        Assert.DoesNotContain("Bad Key", names);
        Assert.DoesNotContain("long", names);
        Assert.DoesNotContain("newline", names);
    }
}
