using System.Diagnostics;
using Outlay.Sdk.Diagnostics.Tests.Support;
using static Outlay.Sdk.Diagnostics.Tests.Support.EventAssert;

namespace Outlay.Sdk.Diagnostics.Tests;

public sealed class DeduplicationTests
{
    [Fact]
    public async Task Without_a_response_id_nested_spans_are_one_event_and_the_innermost_wins()
    {
        await using var session = ListenerSession.Start();
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        using (Spans.Start(meai, Spans.Chat("outer-alias", 100, 20)))
        using (Spans.Start(openAi, Spans.Chat("gpt-4o-2024-08-06", 100, 20)))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("gpt-4o-2024-08-06", Text(recorded, "model"));
        Assert.Equal(100, Usage(recorded, "input_tokens"));
        Assert.Equal(20, Usage(recorded, "output_tokens"));
    }

    [Fact]
    public async Task A_merged_call_keeps_the_responses_operation_only_the_meai_span_names()
    {
        await using var session = ListenerSession.Start();
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        using (var outer = Spans.Start(meai, Spans.Chat("gpt-5", 100, 20, responseId: "resp_1")))
        {
            outer.SetTag("openai.api.type", "responses");
            using var inner = Spans.Start(openAi, Spans.Chat("gpt-5", 100, 20, responseId: "resp_1"));
        }

        Assert.Equal("responses", Text(Assert.Single(await session.StopAndCollectAsync()), "operation"));
    }

    [Fact]
    public async Task Two_calls_with_different_response_ids_under_one_parent_are_both_recorded()
    {
        await using var session = ListenerSession.Start();
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        using (Spans.Start(meai, Spans.Chat("gpt-4o", 300, 30, responseId: "chatcmpl-second")))
        {
            using (Spans.Start(openAi, Spans.Chat("gpt-4o", 100, 10, responseId: "chatcmpl-first")))
            {
            }

            using (Spans.Start(openAi, Spans.Chat("gpt-4o", 300, 30, responseId: "chatcmpl-second")))
            {
            }
        }

        var recorded = await session.StopAndCollectAsync();
        Assert.Equal([100, 300], recorded.Select(e => Usage(e, "input_tokens")).Order());
    }

    [Fact]
    public async Task A_span_whose_genai_parent_never_stops_is_recorded_after_the_window_and_the_late_parent_is_skipped()
    {
        await using var session = ListenerSession.Start(options => options.MergeWindow = TimeSpan.FromMilliseconds(100));
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        var parent = Spans.Start(meai, Spans.Chat("gpt-4o", 100, 20));
        using (Spans.Start(openAi, Spans.Chat("gpt-4o", 100, 20)))
        {
        }

        // The listener is still running: only the window can have released the child.
        var beforeParentStops = await session.WaitForEventsAsync(1);
        Assert.Single(beforeParentStops);

        parent.Dispose();
        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal(100, Usage(recorded, "input_tokens"));
    }

    [Fact]
    public async Task A_span_under_a_parent_that_is_not_genai_is_recorded_without_waiting()
    {
        await using var session = ListenerSession.Start(options => options.MergeWindow = TimeSpan.FromHours(1));
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        using var tool = Spans.Start(meai, ("gen_ai.operation.name", "invoke_agent"));
        using (Spans.Start(openAi, Spans.Chat("gpt-4o", 100, 20)))
        {
        }

        // With an hour's window, only an immediate record can arrive while the listener runs.
        Assert.Single(await session.WaitForEventsAsync(1));
    }

    [Fact]
    public async Task When_the_pending_set_is_full_the_oldest_is_recorded_to_make_room()
    {
        await using var session = ListenerSession.Start(options =>
        {
            options.MergeWindow = TimeSpan.FromHours(1);
            options.MaxPendingActivities = 1;
        });
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        using var first = Spans.Start(meai, Spans.Chat("gpt-4o", 1, 1));
        using (Spans.Start(openAi, Spans.Chat("first", 100, 20)))
        {
        }

        Activity.Current = null;
        using var second = Spans.Start(meai, Spans.Chat("gpt-4o", 1, 1));
        using (Spans.Start(openAi, Spans.Chat("second", 300, 20)))
        {
        }

        // Both parents still run and the window is an hour: only eviction can have released the first child.
        var evicted = await session.WaitForEventsAsync(1);
        Assert.Equal("first", Text(Assert.Single(evicted), "model"));

        second.Dispose();
        first.Dispose();
        var recorded = await session.StopAndCollectAsync();
        Assert.Equal(["first", "second"], recorded.Select(e => Text(e, "model")!).Order());
    }
}
