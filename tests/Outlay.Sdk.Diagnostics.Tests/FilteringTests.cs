using System.Diagnostics;
using Outlay.Sdk.Diagnostics.Tests.Support;
using static Outlay.Sdk.Diagnostics.Tests.Support.EventAssert;

namespace Outlay.Sdk.Diagnostics.Tests;

public sealed class FilteringTests
{
    [Fact]
    public async Task Tool_agent_and_orchestration_spans_are_ignored()
    {
        await using var session = ListenerSession.Start();
        using var source = new ActivitySource(Spans.MeaiSource);

        foreach (var operation in new[] { "execute_tool", "invoke_agent", "create_agent", "orchestrate_tools" })
        {
            using var span = Spans.Start(source, Spans.Chat("agent-model", 500, 50));
            span.SetTag("gen_ai.operation.name", operation);
        }

        using (Spans.Start(source, Spans.Chat("gpt-4o-mini", 10, 2)))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("gpt-4o-mini", Text(recorded, "model"));
    }

    [Fact]
    public async Task Sources_not_listed_are_ignored()
    {
        await using var session = ListenerSession.Start();
        using var unlisted = new ActivitySource("Some.Other.AiLibrary");
        using var listed = new ActivitySource(Spans.OpenAiSource);

        using (var span = unlisted.StartActivity("chat"))
        {
            // Nothing else listens to this source, so it is not even created.
            Assert.Null(span);
        }

        using (Spans.Start(listed, Spans.Chat("gpt-4o-mini", 10, 2)))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("gpt-4o-mini", Text(recorded, "model"));
    }

    [Fact]
    public async Task Configured_source_names_replace_the_defaults_and_match_by_prefix()
    {
        await using var session = ListenerSession.Start(options =>
        {
            options.SourceNames.Clear();
            options.SourceNames.Add("MyCompany.Ai.*");
        });
        using var mine = new ActivitySource("MyCompany.Ai.Gateway");
        using var meai = new ActivitySource(Spans.MeaiSource);

        Assert.Null(meai.StartActivity("chat"));
        using (Spans.Start(mine, Spans.Chat("mistral-large", 10, 2)))
        {
        }

        var recorded = Assert.Single(await session.StopAndCollectAsync());
        Assert.Equal("mistral-large", Text(recorded, "model"));
    }
}
