using System.ClientModel.Primitives;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;
using Outlay.Testing;

namespace Outlay.Sdk.OpenAI.Tests.Support;

/// <summary>Real OpenAI SDK objects built from recorded (or documented) response bodies, as the SDK itself reads them.</summary>
internal static class OpenAIBodies
{
    public const string CacheWrite = "fixtures/openai/chat-completions_cache-write_gpt-5.6.json";
    public const string CacheRead = "fixtures/openai/chat-completions_cache-read_gpt-5.6.json";
    public const string Gpt4oMini = "fixtures/openai/chat-completions_gpt-4o-mini.json";
    public const string Stream = "fixtures/openai/chat-completions_stream_include-usage.sse.txt";

    /// <summary>A Responses API body shaped like the documented example (telemetry reference §4.2): cache reads and reasoning, flex tier.</summary>
    public const string ResponsesBody = """
        {"id":"resp_67ccd2bed1ec8190b14f964abc054267","object":"response","created_at":1741476542,"status":"completed",
         "model":"gpt-5-mini-2025-08-07","service_tier":"flex",
         "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant",
                    "content":[{"type":"output_text","text":"canary-responses-output-4b1e","annotations":[]}]}],
         "parallel_tool_calls":true,"tools":[],"tool_choice":"auto",
         "usage":{"input_tokens":1200,"input_tokens_details":{"cached_tokens":1024,"cache_write_tokens":100},
                  "output_tokens":300,"output_tokens_details":{"reasoning_tokens":256},"total_tokens":1500}}
        """;

    /// <summary>An embeddings body shaped like the documented example: <c>object: list</c>, vectors, and prompt/total tokens.</summary>
    public const string EmbeddingsBody = """
        {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347]}],
         "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}
        """;

    public static ChatCompletion ChatCompletion(string fixture) => ChatCompletionFromBody(SharedFixtures.ReadText(fixture));

    public static ChatCompletion ChatCompletionFromBody(string body) => Read<ChatCompletion>(body);

    public static ResponseResult Response(string body) => Read<ResponseResult>(body);

    public static OpenAIEmbeddingCollection Embeddings(string body) => Read<OpenAIEmbeddingCollection>(body);

    /// <summary>The SSE <c>data:</c> payloads of a recorded stream (without <c>[DONE]</c>), as the SDK's updates.</summary>
    public static IReadOnlyList<StreamingChatCompletionUpdate> StreamUpdates(string fixture) =>
        [.. SharedFixtures.ReadText(fixture)
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("data:", StringComparison.Ordinal))
            .Select(line => line["data:".Length..].Trim())
            .Where(payload => payload != "[DONE]")
            .Select(Read<StreamingChatCompletionUpdate>)];

    /// <summary>Yields the updates asynchronously, like the SDK's <c>AsyncCollectionResult</c>, then throws <paramref name="failure"/> when given.</summary>
    public static async IAsyncEnumerable<StreamingChatCompletionUpdate> AsAsync(
        IEnumerable<StreamingChatCompletionUpdate> updates, Exception? failure = null)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private static T Read<T>(string json)
        where T : IPersistableModel<T> =>
        ModelReaderWriter.Read<T>(BinaryData.FromString(json), ModelReaderWriterOptions.Json)
        ?? throw new InvalidOperationException($"The SDK read no {typeof(T).Name}.");
}
