using System.Diagnostics;
using Outlay.Sdk.Diagnostics.Tests.Support;
using static Outlay.Sdk.Diagnostics.Tests.Support.EventAssert;

namespace Outlay.Sdk.Diagnostics.Tests;

public sealed class RobustnessTests
{
    [Fact]
    public async Task A_tag_value_that_throws_does_not_reach_the_application_and_later_calls_are_recorded()
    {
        await using var session = ListenerSession.Start();
        using var source = new ActivitySource(Spans.MeaiSource);

        var broken = Spans.Start(source, Spans.Chat("gpt-4o", 10, 2));
        broken.SetTag("gen_ai.response.model", new ThrowingValue());
        broken.Dispose();

        using (Spans.Start(source, Spans.Chat("gpt-4o-mini", 10, 2)))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("gpt-4o-mini", Text(recorded, "model"));
    }

    [Fact]
    public async Task Dispose_records_spans_still_waiting_for_their_parent()
    {
        await using var session = ListenerSession.Start(options => options.MergeWindow = TimeSpan.FromHours(1));
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        using var parent = Spans.Start(meai, Spans.Chat("gpt-4o", 100, 20));
        using (Spans.Start(openAi, Spans.Chat("gpt-4o", 100, 20)))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal(100, Usage(recorded, "input_tokens"));
    }

    [Fact]
    public async Task Concurrent_nested_calls_are_each_recorded_once()
    {
        const int Calls = 200;
        await using var session = ListenerSession.Start();
        using var meai = new ActivitySource(Spans.MeaiSource);
        using var openAi = new ActivitySource(Spans.OpenAiSource);

        await Parallel.ForAsync(0, Calls, TestContext.Current.CancellationToken, (call, _) =>
        {
            Activity.Current = null;
            using var outer = Spans.Start(meai, Spans.Chat("gpt-4o", 1000 + call, 5, responseId: $"chatcmpl-{call}"));
            using (Spans.Start(openAi, Spans.Chat("gpt-4o", 1000 + call, 5, responseId: $"chatcmpl-{call}")))
            {
            }

            outer.SetTag("gen_ai.usage.cache_read.input_tokens", call);
            return ValueTask.CompletedTask;
        });

        var recorded = await session.StopAndCollectAsync();
        Assert.Equal(Enumerable.Range(0, Calls).Select(call => (long)call), recorded.Select(e => Usage(e, "cache_read_tokens")).Order());
    }

    private sealed class ThrowingValue : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => throw new InvalidOperationException("broken tag value");
    }
}
