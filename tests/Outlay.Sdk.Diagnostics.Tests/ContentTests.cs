using System.Diagnostics;
using Outlay.Sdk.Diagnostics.Tests.Support;

namespace Outlay.Sdk.Diagnostics.Tests;

public sealed class ContentTests
{
    private const string Marker = "CANARY-7f3a9c-never-leaves-the-process";

    [Fact]
    public async Task Content_attributes_and_events_never_reach_the_server()
    {
        await using var session = ListenerSession.Start(options => options.TagAttributes["app.feature"] = "feature");
        using var source = new ActivitySource(Spans.MeaiSource);

        using (var span = Spans.Start(source, Spans.Chat("gpt-4o", 10, 2, responseId: "chatcmpl-canary")))
        {
            span.SetTag("gen_ai.input.messages", $"[{{\"role\":\"user\",\"parts\":[{{\"content\":\"{Marker}\"}}]}}]");
            span.SetTag("gen_ai.output.messages", Marker);
            span.SetTag("gen_ai.system_instructions", Marker);
            span.SetTag("gen_ai.prompt.0.content", Marker);
            span.SetTag("gen_ai.response.finish_reasons", Marker);
            span.SetTag("app.feature", "chat");
            span.AddEvent(new ActivityEvent("gen_ai.user.message", tags: new ActivityTagsCollection { ["gen_ai.event.content"] = Marker }));
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("chat", EventAssert.Tag(recorded, "feature"));
        Assert.All(session.Recorder.Bodies, body => Assert.DoesNotContain(Marker, body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gen_ai.input.messages")]
    [InlineData("gen_ai.output.messages")]
    [InlineData("gen_ai.prompt")]
    [InlineData("gen_ai.tool.call.arguments")]
    [InlineData("llm.headers")]
    public async Task Mapping_a_content_attribute_to_a_tag_is_refused(string attribute)
    {
        await using var outlay = new OutlayClient(new OutlayClientOptions { Endpoint = new Uri("http://127.0.0.1:9/") });

        Assert.Throws<ArgumentException>(() => OutlayActivityListener.Start(outlay, options => options.TagAttributes[attribute] = "leak"));
    }

    [Theory]
    [InlineData("Feature")]
    [InlineData("a b")]
    [InlineData("")]
    public async Task An_outlay_tag_key_outside_the_wire_rules_is_refused(string key)
    {
        await using var outlay = new OutlayClient(new OutlayClientOptions { Endpoint = new Uri("http://127.0.0.1:9/") });

        Assert.Throws<ArgumentException>(() => OutlayActivityListener.Start(outlay, options => options.TagAttributes["app.feature"] = key));
    }
}
