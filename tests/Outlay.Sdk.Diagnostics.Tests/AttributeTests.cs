using System.Diagnostics;
using Outlay.Sdk.Diagnostics.Tests.Support;
using static Outlay.Sdk.Diagnostics.Tests.Support.EventAssert;

namespace Outlay.Sdk.Diagnostics.Tests;

public sealed class AttributeTests
{
    [Fact]
    public async Task Old_convention_names_and_numbers_as_text_are_read()
    {
        await using var session = ListenerSession.Start();
        using var source = new ActivitySource("Azure.AI.Inference.ChatCompletionsClient");

        using (Spans.Start(
            source,
            ("gen_ai.operation.name", "chat"),
            ("gen_ai.system", "az.ai.openai"),
            ("gen_ai.request.model", "gpt-4o"),
            ("gen_ai.usage.prompt_tokens", "120"),
            ("gen_ai.usage.completion_tokens", 30),
            ("gen_ai.openai.response.service_tier", "priority")))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("azure", Text(recorded, "provider"));
        Assert.Equal("gpt-4o", Text(recorded, "model"));
        Assert.Equal(120, Usage(recorded, "input_tokens"));
        Assert.Equal(30, Usage(recorded, "output_tokens"));
        Assert.Equal("priority", Text(recorded, "service_tier"));
    }

    [Fact]
    public async Task New_names_for_cache_writes_and_reasoning_are_read_and_minus_one_counts_as_missing()
    {
        await using var session = ListenerSession.Start();
        using var source = new ActivitySource(Spans.MeaiSource);

        using (Spans.Start(
            source,
            ("gen_ai.operation.name", "chat"),
            ("gen_ai.provider.name", "aws.bedrock"),
            ("gen_ai.request.model", "anthropic.claude-sonnet-4"),
            ("gen_ai.usage.input_tokens", 5000L),
            ("gen_ai.usage.output_tokens", -1),
            ("gen_ai.usage.cache_write.input_tokens", 1200),
            ("gen_ai.usage.reasoning.output_tokens", "0")))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("bedrock", Text(recorded, "provider"));
        Assert.Equal(5000, Usage(recorded, "input_tokens"));
        Assert.Equal(1200, Usage(recorded, "cache_write_tokens"));
        Assert.Equal(0, Usage(recorded, "output_tokens"));
    }

    [Fact]
    public async Task An_openai_call_to_an_azure_host_is_azure()
    {
        await using var session = ListenerSession.Start();
        using var source = new ActivitySource(Spans.MeaiSource);

        using (var span = Spans.Start(source, Spans.Chat("my-gpt4o-prod", 10, 2)))
        {
            span.SetTag("server.address", "contoso.openai.azure.com");
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("azure", Text(recorded, "provider"));
        Assert.Equal("my-gpt4o-prod", Text(recorded, "model"));
    }

    [Fact]
    public async Task A_failed_call_is_recorded_with_status_error()
    {
        await using var session = ListenerSession.Start();
        using var source = new ActivitySource(Spans.MeaiSource);

        using (var failed = Spans.Start(source, ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "gpt-4o-mini")))
        {
            failed.SetStatus(ActivityStatusCode.Error);
        }

        using (var typed = Spans.Start(source, ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "gpt-4o"), ("error.type", "429")))
        {
        }

        using (var cancelled = Spans.Start(source, ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "o3"), ("error.type", "System.Threading.Tasks.TaskCanceledException")))
        {
        }

        var recorded = (await session.StopAndCollectAsync()).ToDictionary(e => Text(e, "model")!, e => Text(e, "status"));
        Assert.Equal("error", recorded["gpt-4o-mini"]);
        Assert.Equal("error", recorded["gpt-4o"]);
        Assert.Equal("cancelled", recorded["o3"]);
    }

    [Fact]
    public async Task Mapped_tags_come_from_activity_tags_and_ambient_baggage_with_the_listener_labels()
    {
        await using var session = ListenerSession.Start(options =>
        {
            options.TagAttributes["app.feature"] = "feature";
            options.TagAttributes["customer"] = "customer";
            options.TagAttributes["not.present"] = "absent";
            options.KeyLabel = "openai-prod";
            options.Service = "support-bot";
            options.Environment = "staging";
        });
        using var source = new ActivitySource(Spans.MeaiSource);

        using (var request = new Activity("incoming request").AddBaggage("customer", "acme").Start())
        using (var span = Spans.Start(source, Spans.Chat("gpt-4o", 10, 2)))
        {
            span.SetTag("app.feature", "summarize");
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("summarize", Tag(recorded, "feature"));
        Assert.Equal("acme", Tag(recorded, "customer"));
        Assert.Null(Tag(recorded, "absent"));
        Assert.Equal("openai-prod", Text(recorded, "key_label"));
        Assert.Equal("support-bot", Text(recorded, "service"));
        Assert.Equal("staging", Text(recorded, "environment"));
    }

    [Fact]
    public async Task A_responses_api_call_through_meai_is_a_responses_operation()
    {
        await using var session = ListenerSession.Start();
        using var source = new ActivitySource(Spans.MeaiSource);

        using (var span = Spans.Start(source, Spans.Chat("gpt-5", 10, 2)))
        {
            span.SetTag("openai.api.type", "responses");
        }

        Assert.Equal("responses", Text(Assert.Single(await session.StopAndCollectAsync()), "operation"));
    }
}
