using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class OpenAiResponsesUsageAdapterTests
{
    private const string Response = """
        {"id": "resp_67ccd2bed1ec8190", "object": "response", "status": "completed", "model": "gpt-5-2025-08-07",
         "service_tier": "auto",
         "output": [{"type": "message", "content": [{"type": "output_text", "text": "confidential answer"}]}],
         "usage": {"input_tokens": 1500, "input_tokens_details": {"cached_tokens": 1024, "cache_write_tokens": 300},
                   "output_tokens": 320, "output_tokens_details": {"reasoning_tokens": 256}, "total_tokens": 1820}}
        """;

    [Fact]
    public void Response_counts_cache_and_reasoning_inside_the_totals()
    {
        var result = OpenAiResponsesUsageAdapter.FromResponse(ProviderJson.Parse(Response));

        // input 1500 includes 1024 read + 300 written: 176 uncached; output 320 includes 256 reasoning.
        Assert.Equal(new TokenUsage(1500, 320, CacheReadTokens: 1024, CacheWriteTokens: 300, ReasoningTokens: 256), result.Usage);
        Assert.Equal(176, result.Usage.UncachedInputTokens);
        Assert.Equal(Operations.Responses, result.Operation);
        Assert.Equal("gpt-5-2025-08-07", result.Model);
        Assert.Equal("resp_67ccd2bed1ec8190", result.ResponseId);
        Assert.Equal(ServiceTiers.Default, result.ServiceTier);
    }

    [Fact]
    public void Stream_reads_usage_from_the_completed_event()
    {
        var completed = Response.ReplaceLineEndings(" ");
        var body = $$$"""
            event: response.created
            data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_67ccd2bed1ec8190","object":"response","status":"in_progress","model":"gpt-5-2025-08-07","usage":null}}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","sequence_number":1,"delta":"confidential"}

            event: response.completed
            data: {"type":"response.completed","sequence_number":2,"response":{{{completed}}}}

            """;

        var result = ProviderResponseReader.Read(body);

        Assert.Equal(new TokenUsage(1500, 320, CacheReadTokens: 1024, CacheWriteTokens: 300, ReasoningTokens: 256), result.Usage);
        Assert.Equal(Operations.Responses, result.Operation);
        Assert.Equal("openai", result.Provider);
    }

    [Fact]
    public void Stream_cut_short_without_a_terminal_event_is_refused()
    {
        var body = """
            data: {"type":"response.created","response":{"id":"resp_1","object":"response","usage":null}}

            data: {"type":"response.output_text.delta","delta":"confidential"}

            """;

        var error = Assert.Throws<ProviderResponseException>(() => ProviderResponseReader.Read(body));

        Assert.DoesNotContain("confidential", error.Message, StringComparison.Ordinal);
    }
}
