using Outlay.Sdk.OpenAI.Tests.Support;
using Outlay.Testing;

namespace Outlay.Sdk.OpenAI.Tests;

public sealed class PrivacyTests
{
    [Fact]
    public async Task No_message_text_output_item_or_vector_reaches_outlay()
    {
        var updates = OpenAIBodies.StreamUpdates(OpenAIBodies.Stream);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.ChatCompletion(OpenAIBodies.Gpt4oMini)));
        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.Response(OpenAIBodies.ResponsesBody)));
        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.Embeddings(OpenAIBodies.EmbeddingsBody)));
        await foreach (var update in outlay.Client.TrackStreamingUsage(OpenAIBodies.AsAsync(updates)).WithCancellation(TestContext.Current.CancellationToken))
        {
            _ = update;
        }

        var bodies = string.Join('\n', await outlay.BodiesAsync());
        Assert.Equal(4, (await outlay.EventsAsync()).Count);
        Assert.Contains("gpt-4o-mini-2024-07-18", bodies, StringComparison.Ordinal);
        Assert.DoesNotContain("How can I assist you today", bodies, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-responses-output-4b1e", bodies, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0023064255", bodies, StringComparison.Ordinal);
        Assert.DoesNotContain("assist", bodies, StringComparison.Ordinal);
        Assert.DoesNotContain("chatcmpl-", bodies, StringComparison.Ordinal);
        Assert.DoesNotContain("Sanitized", bodies, StringComparison.Ordinal);
        Assert.Contains("How can I assist you today", SharedFixtures.ReadText(OpenAIBodies.Gpt4oMini), StringComparison.Ordinal);
    }
}
