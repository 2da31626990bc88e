using Microsoft.Extensions.AI;
using Outlay.Sdk.Extensions.AI.Tests.Support;

namespace Outlay.Sdk.Extensions.AI.Tests;

public sealed class TagTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task Per_call_tags_override_inner_ambient_tags_which_override_outer_ones_and_static_tags()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"));
        using var client = new ChatClientBuilder(inner)
            .UseOutlay(outlay.Client, o =>
            {
                o.Tags["team"] = "growth";
                o.Tags["feature"] = "static";
            })
            .Build();
        var options = new ChatOptions
        {
            AdditionalProperties = new() { [OutlayTags.PerCallKey] = new Dictionary<string, string> { ["customer"] = "acme" } },
        };

        using (OutlayTags.Begin("feature", "outer"))
        using (OutlayTags.Begin("customer", "ambient"))
        using (OutlayTags.Begin("feature", "summarize"))
        {
            await client.GetResponseAsync(Prompt, options, TestContext.Current.CancellationToken);
        }

        await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var events = await outlay.EventsAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal(
            new Dictionary<string, string> { ["team"] = "growth", ["feature"] = "summarize", ["customer"] = "acme" },
            events[0].Tags());
        Assert.Equal(new Dictionary<string, string> { ["team"] = "growth", ["feature"] = "static" }, events[1].Tags());
    }

    [Fact]
    public async Task Ambient_tags_flow_into_a_stream_enumerated_inside_the_scope()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"))
        {
            StreamUpdates = [new ChatResponseUpdate(ChatRole.Assistant, "x")],
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        using (OutlayTags.Begin("feature", "chat-ui"))
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        }

        Assert.Equal("chat-ui", (await outlay.SingleEventAsync()).Tags()["feature"]);
    }

    [Fact]
    public async Task A_stream_keeps_the_ambient_tags_of_where_it_was_created()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"))
        {
            StreamUpdates = [new ChatResponseUpdate(ChatRole.Assistant, "x")],
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        IAsyncEnumerable<ChatResponseUpdate> stream;
        using (OutlayTags.Begin("feature", "created-here"))
        {
            stream = client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);
        }

        await foreach (var _ in stream)
        {
        }

        Assert.Equal("created-here", (await outlay.SingleEventAsync()).Tags()["feature"]);
    }

    [Fact]
    public async Task The_per_call_tag_key_is_not_forwarded_to_the_inner_client_and_the_callers_options_keep_it()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"))
        {
            StreamUpdates = [new ChatResponseUpdate(ChatRole.Assistant, "x")],
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();
        var tags = new Dictionary<string, string> { ["feature"] = "search" };
        var withOther = new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { [OutlayTags.PerCallKey] = tags, ["seed"] = 7 } };
        var onlyTags = new ChatOptions { AdditionalProperties = new() { [OutlayTags.PerCallKey] = tags } };

        await client.GetResponseAsync(Prompt, withOther, TestContext.Current.CancellationToken);
        await foreach (var _ in client.GetStreamingResponseAsync(Prompt, onlyTags, TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal(2, inner.ReceivedOptions.Count);
        var first = inner.ReceivedOptions[0]!;
        Assert.Equal(0.5f, first.Temperature);
        Assert.Equal(["seed"], first.AdditionalProperties!.Keys);
        Assert.Null(inner.ReceivedOptions[1]!.AdditionalProperties);
        Assert.True(withOther.AdditionalProperties!.ContainsKey(OutlayTags.PerCallKey));
        Assert.All(await outlay.EventsAsync(), e => Assert.Equal("search", e.Tags()["feature"]));
    }

    [Fact]
    public async Task Options_without_the_tag_key_are_forwarded_as_the_same_instance()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"));
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();
        var options = new ChatOptions { AdditionalProperties = new() { ["seed"] = 7 } };

        await client.GetResponseAsync(Prompt, options, TestContext.Current.CancellationToken);

        Assert.Same(options, Assert.Single(inner.ReceivedOptions));
    }

    [Fact]
    public void Disposing_a_scope_restores_the_outer_tags()
    {
        var outer = OutlayTags.Begin("feature", "outer");
        using (OutlayTags.Begin("feature", "inner"))
        {
            Assert.Equal("inner", AmbientTagScope.Current!.Value);
        }

        Assert.Equal("outer", AmbientTagScope.Current!.Value);
        outer.Dispose();
        Assert.Null(AmbientTagScope.Current);
    }

    [Fact]
    public async Task Tags_the_server_would_refuse_are_left_out_so_the_event_is_still_accepted()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"));
        using var client = new ChatClientBuilder(inner)
            .UseOutlay(outlay.Client, o =>
            {
                o.Tags["Feature"] = "upper-case key";
                o.Tags["customer id"] = "space in key";
                o.Tags["long"] = new string('x', 129);
                o.Tags["ok.key-1_"] = "kept";
                for (var i = 0; i < 30; i++)
                {
                    o.Tags[$"t{i:00}"] = "v";
                }
            })
            .Build();

        await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var tags = (await outlay.SingleEventAsync()).Tags();
        Assert.Equal(24, tags.Count);
        Assert.Equal("kept", tags["ok.key-1_"]);
        Assert.DoesNotContain("Feature", tags.Keys);
        Assert.DoesNotContain("customer id", tags.Keys);
        Assert.DoesNotContain("long", tags.Keys);
    }
}
