using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Outlay.Sdk.OpenAI.Tests.Support;
using Outlay.Testing;

namespace Outlay.Sdk.OpenAI.Tests;

/// <summary>The real <see cref="ChatClient"/> over HTTP against a loopback provider replaying the recorded bodies.</summary>
public sealed class RealClientTests
{
    [Fact]
    public async Task A_completion_returned_by_the_real_client_keeps_its_cache_write_tokens()
    {
        using var provider = new LoopbackProvider(SharedFixtures.ReadText(OpenAIBodies.CacheWrite), "application/json");
        var chat = new ChatClient("gpt-5.6", new ApiKeyCredential("not-a-real-key"), new OpenAIClientOptions { Endpoint = provider.Endpoint });
        await using var outlay = new RecordingOutlay();

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("hello")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(outlay.Client.TrackUsage(completion));
        var usage = (await outlay.SingleEventAsync()).GetProperty("usage");
        Assert.Equal(4020, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(4012, usage.GetProperty("cache_write_tokens").GetInt64());
    }

    [Fact]
    public async Task A_real_streaming_result_is_recorded_once_with_the_final_usage()
    {
        using var provider = new LoopbackProvider(SharedFixtures.ReadText(OpenAIBodies.Stream), "text/event-stream");
        var chat = new ChatClient("gpt-4o", new ApiKeyCredential("not-a-real-key"), new OpenAIClientOptions { Endpoint = provider.Endpoint });
        await using var outlay = new RecordingOutlay();

        var updates = 0;
        await foreach (var update in outlay.Client.TrackStreamingUsage(
            chat.CompleteChatStreamingAsync([new UserChatMessage("hello")], cancellationToken: TestContext.Current.CancellationToken)))
        {
            updates++;
        }

        Assert.Equal(13, updates);
        Assert.Contains("\"include_usage\":true", provider.LastRequestBody, StringComparison.Ordinal);
        var sent = await outlay.SingleEventAsync();
        Assert.Equal("ok", sent.GetProperty("status").GetString());
        Assert.Equal(26, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(10, sent.GetProperty("usage").GetProperty("output_tokens").GetInt64());
    }
}
