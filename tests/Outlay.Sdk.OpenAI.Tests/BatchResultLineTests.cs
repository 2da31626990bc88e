using System.Text;
using System.Text.Json;
using Outlay.Sdk.OpenAI.Tests.Support;
using Outlay.Testing;

namespace Outlay.Sdk.OpenAI.Tests;

public sealed class BatchResultLineTests
{
    [Fact]
    public async Task A_successful_chat_completion_line_is_recorded_at_the_batch_tier()
    {
        // The body states "service_tier": "default"; a batch result is billed at the batch rate whatever it says.
        var line = BatchLine(200, Compact(SharedFixtures.ReadText(OpenAIBodies.Gpt4oMini)));
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackBatchResultLine(line, new OpenAIUsageContext { Tags = new Dictionary<string, string> { ["feature"] = "nightly-digest" } }));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("batch", sent.GetProperty("service_tier").GetString());
        Assert.Equal("openai", sent.GetProperty("provider").GetString());
        Assert.Equal("gpt-4o-mini-2024-07-18", sent.GetProperty("model").GetString());
        Assert.Equal("chat", sent.GetProperty("operation").GetString());
        Assert.Equal(11, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(9, sent.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        Assert.Equal("nightly-digest", sent.GetProperty("tags").GetProperty("feature").GetString());
    }

    [Fact]
    public async Task An_embeddings_line_is_recorded_at_the_batch_tier()
    {
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackBatchResultLine(BatchLine(200, Compact(OpenAIBodies.EmbeddingsBody))));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("embeddings", sent.GetProperty("operation").GetString());
        Assert.Equal("batch", sent.GetProperty("service_tier").GetString());
        Assert.Equal(8, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task A_failed_request_line_is_not_billed_and_records_nothing()
    {
        var line = BatchLine(400, """{"error":{"message":"Invalid model","type":"invalid_request_error","param":null,"code":null}}""");
        await using var outlay = new RecordingOutlay();

        Assert.False(outlay.Client.TrackBatchResultLine(line));
        Assert.False(outlay.Client.TrackBatchResultLine("""{"id":"batch_req_2","custom_id":"r2","response":null,"error":{"code":"batch_expired","message":"expired"}}"""));

        Assert.Empty(await outlay.EventsAsync());
    }

    [Fact]
    public async Task A_malformed_line_returns_false_and_records_nothing()
    {
        await using var outlay = new RecordingOutlay();

        Assert.False(outlay.Client.TrackBatchResultLine("{\"id\":\"batch_req_1\",\"response\":{\"status_code\":200,\"body\":"));
        Assert.False(outlay.Client.TrackBatchResultLine(string.Empty));
        Assert.False(outlay.Client.TrackBatchResultLine(null!));
        Assert.False(outlay.Client.TrackBatchResultLine(BatchLine(200, """{"object":"chat.completion","model":"gpt-4o-mini"}""")));

        Assert.Empty(await outlay.EventsAsync());
    }

    private static string BatchLine(int statusCode, string body) =>
        $$"""{"id":"batch_req_6734a9c1","custom_id":"request-1","response":{"status_code":{{statusCode}},"request_id":"req_8b0f","body":{{body}}},"error":null}""";

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
