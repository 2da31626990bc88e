using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;
using Outlay.Sdk.OpenAI.Tests.Support;

namespace Outlay.Sdk.OpenAI.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task Results_without_usage_or_model_return_false_and_record_nothing()
    {
        await using var outlay = new RecordingOutlay();

        Assert.False(outlay.Client.TrackUsage(OpenAIBodies.Embeddings("""{"object":"list","data":[],"model":"text-embedding-3-small"}""")));
        Assert.False(outlay.Client.TrackUsage(OpenAIBodies.Embeddings("""{"object":"list","data":[],"usage":{"prompt_tokens":8,"total_tokens":8}}""")));
        Assert.False(outlay.Client.TrackUsage(OpenAIBodies.Response("""{"id":"resp_1","object":"response","created_at":1741476542,"status":"in_progress","model":"gpt-5-mini","output":[]}""")));

        Assert.Empty(await outlay.EventsAsync());
    }

    [Fact]
    public async Task Null_arguments_return_false_instead_of_throwing()
    {
        await using var outlay = new RecordingOutlay();
        var completion = OpenAIBodies.ChatCompletion(OpenAIBodies.Gpt4oMini);

        Assert.False(outlay.Client.TrackUsage((ChatCompletion)null!));
        Assert.False(outlay.Client.TrackUsage((StreamingChatCompletionUpdate)null!));
        Assert.False(outlay.Client.TrackUsage((ResponseResult)null!));
        Assert.False(outlay.Client.TrackUsage((OpenAIEmbeddingCollection)null!));
        Assert.False(((OutlayClient)null!).TrackUsage(completion));

        Assert.Empty(await outlay.EventsAsync());
    }

    [Fact]
    public async Task A_tracked_stream_without_a_client_is_the_same_stream()
    {
        var updates = OpenAIBodies.AsAsync([]);

        Assert.Same(updates, ((OutlayClient)null!).TrackStreamingUsage(updates));
        await using var outlay = new RecordingOutlay();
        Assert.Throws<ArgumentNullException>(() => outlay.Client.TrackStreamingUsage(null!));
    }
}
