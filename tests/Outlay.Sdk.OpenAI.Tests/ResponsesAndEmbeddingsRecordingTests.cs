using Outlay.Sdk.OpenAI.Tests.Support;

namespace Outlay.Sdk.OpenAI.Tests;

public sealed class ResponsesAndEmbeddingsRecordingTests
{
    [Fact]
    public async Task A_responses_result_reports_cache_reads_writes_reasoning_and_its_tier()
    {
        var response = OpenAIBodies.Response(OpenAIBodies.ResponsesBody);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(response));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("openai", sent.GetProperty("provider").GetString());
        Assert.Equal("gpt-5-mini-2025-08-07", sent.GetProperty("model").GetString());
        Assert.Equal("responses", sent.GetProperty("operation").GetString());
        Assert.Equal("flex", sent.GetProperty("service_tier").GetString());
        var usage = sent.GetProperty("usage");
        Assert.Equal(1200, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(1024, usage.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(100, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(300, usage.GetProperty("output_tokens").GetInt64());
        Assert.Equal(256, usage.GetProperty("reasoning_tokens").GetInt64());
    }

    [Fact]
    public async Task A_failed_response_is_recorded_as_an_error_with_its_tokens()
    {
        var failed = OpenAIBodies.ResponsesBody.Replace("\"created_at\":1741476542,\"status\":\"completed\"", "\"created_at\":1741476542,\"status\":\"failed\"", StringComparison.Ordinal);
        Assert.NotEqual(OpenAIBodies.ResponsesBody, failed);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.Response(failed)));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("error", sent.GetProperty("status").GetString());
        Assert.Equal(1200, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task An_embeddings_result_reports_input_tokens_only()
    {
        var embeddings = OpenAIBodies.Embeddings(OpenAIBodies.EmbeddingsBody);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(embeddings, new OpenAIUsageContext { Tags = new Dictionary<string, string> { ["feature"] = "search-index" } }));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("text-embedding-3-small", sent.GetProperty("model").GetString());
        Assert.Equal("embeddings", sent.GetProperty("operation").GetString());
        Assert.Equal(8, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(0, sent.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        Assert.Equal("search-index", sent.GetProperty("tags").GetProperty("feature").GetString());
    }
}
