using System.Diagnostics;
using Outlay.Sdk.Diagnostics.Tests.Support;
using static Outlay.Sdk.Diagnostics.Tests.Support.EventAssert;

namespace Outlay.Sdk.Diagnostics.Tests;

/// <summary>Replays the attributes of a real capture (Microsoft.Extensions.AI around the OpenAI SDK, one call).</summary>
public sealed class CapturedCallTests
{
    private const string MeaiCapture = "fixtures/otlp/meai-capture/plain_traces_req2_meai-span.json";
    private const string OpenAiCapture = "fixtures/otlp/meai-capture/plain_traces_req1_openai-sdk-span.json";

    [Fact]
    public async Task Nested_meai_and_openai_spans_of_one_call_are_one_event_with_the_meai_cache_detail()
    {
        var meai = CapturedSpan.Load(MeaiCapture);
        var openAi = CapturedSpan.Load(OpenAiCapture);
        await using var session = ListenerSession.Start();
        using var meaiSource = new ActivitySource(meai.ScopeName);
        using var openAiSource = new ActivitySource(openAi.ScopeName);

        using (var parent = meaiSource.StartActivity("chat gpt-5.6-sol", ActivityKind.Client))
        {
            Assert.NotNull(parent);
            meai.ApplyTo(parent);
            using var child = openAiSource.StartActivity("chat gpt-5.6-sol", ActivityKind.Client);
            Assert.NotNull(child);
            Assert.Same(parent, child.Parent);
            openAi.ApplyTo(child);
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("openai", Text(recorded, "provider"));
        Assert.Equal("gpt-5.6-sol", Text(recorded, "model"));
        Assert.Equal("chat", Text(recorded, "operation"));
        Assert.Equal(4020, Usage(recorded, "input_tokens"));
        Assert.Equal(4012, Usage(recorded, "cache_read_tokens"));
        Assert.Equal(4, Usage(recorded, "output_tokens"));
        Assert.Equal(0, Usage(recorded, "reasoning_tokens"));
        Assert.Equal("default", Text(recorded, "service_tier"));
        Assert.Null(Text(recorded, "status"));
    }

    [Fact]
    public async Task The_openai_sdk_span_alone_is_recorded_with_its_old_provider_attribute()
    {
        var openAi = CapturedSpan.Load(OpenAiCapture);
        await using var session = ListenerSession.Start();
        using var openAiSource = new ActivitySource(openAi.ScopeName);

        using (var span = openAiSource.StartActivity("chat gpt-5.6-sol", ActivityKind.Client))
        {
            Assert.NotNull(span);
            openAi.ApplyTo(span);
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("openai", Text(recorded, "provider"));
        Assert.Equal(4020, Usage(recorded, "input_tokens"));
        Assert.Equal(0, Usage(recorded, "cache_read_tokens"));
        Assert.Equal(4, Usage(recorded, "output_tokens"));
    }

    [Fact]
    public async Task The_event_time_is_the_end_of_the_activity()
    {
        var meai = CapturedSpan.Load(MeaiCapture);
        await using var session = ListenerSession.Start();
        using var meaiSource = new ActivitySource(meai.ScopeName);
        var start = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

        using (var span = meaiSource.StartActivity("chat gpt-5.6-sol", ActivityKind.Client, parentContext: default, startTime: start))
        {
            Assert.NotNull(span);
            meai.ApplyTo(span);
            span.SetEndTime(start.UtcDateTime.AddMilliseconds(1500));
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal(start.AddMilliseconds(1500), recorded.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(1500, recorded.GetProperty("latency_ms").GetInt64());
    }
}
