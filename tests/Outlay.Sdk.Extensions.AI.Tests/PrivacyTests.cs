using Microsoft.Extensions.AI;
using Outlay.Sdk.Extensions.AI.Tests.Support;

namespace Outlay.Sdk.Extensions.AI.Tests;

public sealed class PrivacyTests
{
    private const string PromptCanary = "canary-prompt-7f3a9c";
    private const string CompletionCanary = "canary-completion-51d2e8";
    private const string SystemCanary = "canary-system-0b44aa";

    [Fact]
    public async Task Message_text_never_appears_in_what_is_sent_to_outlay()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"))
        {
            Respond = _ => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, CompletionCanary))
            {
                ModelId = "gpt-4o",
                Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 5 },
            }),
            StreamUpdates =
            [
                new ChatResponseUpdate(ChatRole.Assistant, CompletionCanary) { ModelId = "gpt-4o" },
                new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 5, OutputTokenCount = 5 })]),
            ],
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();
        ChatMessage[] messages = [new(ChatRole.System, SystemCanary), new(ChatRole.User, PromptCanary)];

        await client.GetResponseAsync(messages, cancellationToken: TestContext.Current.CancellationToken);
        await foreach (var _ in client.GetStreamingResponseAsync(messages, cancellationToken: TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal(2, (await outlay.EventsAsync()).Count);
        Assert.All(await outlay.BodiesAsync(), body =>
        {
            Assert.DoesNotContain(PromptCanary, body, StringComparison.Ordinal);
            Assert.DoesNotContain(CompletionCanary, body, StringComparison.Ordinal);
            Assert.DoesNotContain(SystemCanary, body, StringComparison.Ordinal);
        });
    }
}
