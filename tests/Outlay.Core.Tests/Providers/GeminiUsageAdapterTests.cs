using Outlay.Core.Events;
using Outlay.Core.Providers;
using Outlay.Testing;

namespace Outlay.Core.Tests.Providers;

public sealed class GeminiUsageAdapterTests
{
    [Fact]
    public void Thoughts_fixture_bills_thoughts_as_output()
    {
        var body = ProviderJson.Parse(SharedFixtures.ReadText("fixtures/gemini/generatecontent_gemini-2.5-flash_thoughts.json"));

        var result = GeminiUsageAdapter.FromResponse(body);

        // output = candidates 877 + thoughts 1058 = 1935 (total 1940 = 5 + 1935).
        Assert.Equal(new TokenUsage(5, 1935, ReasoningTokens: 1058), result.Usage);
        Assert.Equal("gemini", result.Provider);
        Assert.Equal("gemini-2.5-flash", result.Model);
        Assert.Equal("-hk4afOSMZKkjuMPnJWGkAk", result.ResponseId);
        Assert.Null(result.ServiceTier);
    }

    [Fact]
    public void Cached_content_is_inside_prompt_and_tool_use_prompt_is_input()
    {
        var usage = ProviderJson.Parse("""
            {"promptTokenCount": 12000, "cachedContentTokenCount": 8000, "candidatesTokenCount": 300,
             "thoughtsTokenCount": 200, "toolUsePromptTokenCount": 50, "totalTokenCount": 12550}
            """);

        // input = 12000 + 50 = 12050, of which 8000 cached; output = 300 + 200 = 500.
        Assert.Equal(
            new TokenUsage(12050, 500, CacheReadTokens: 8000, ReasoningTokens: 200),
            GeminiUsageAdapter.FromUsageMetadata(usage));
    }

    [Fact]
    public void Vertex_traffic_type_reports_vertex_ai_unless_hinted()
    {
        var body = """
            {"candidates": [], "modelVersion": "gemini-2.5-pro", "responseId": "r1",
             "usageMetadata": {"promptTokenCount": 7, "candidatesTokenCount": 3, "trafficType": "ON_DEMAND"}}
            """;

        Assert.Equal("vertex_ai", ProviderResponseReader.Read(body).Provider);
        Assert.Equal("gemini", ProviderResponseReader.Read(body, "gcp.gemini").Provider);
    }

    [Fact]
    public void Json_array_stream_uses_the_last_chunk_with_usage()
    {
        var body = """
            [{"candidates": [{"content": {"parts": [{"text": "a"}]}}], "usageMetadata": {"promptTokenCount": 5, "candidatesTokenCount": 3}, "modelVersion": "gemini-2.5-flash"},
             {"candidates": [{"content": {"parts": [{"text": "b"}]}}], "usageMetadata": {"promptTokenCount": 5, "candidatesTokenCount": 10, "thoughtsTokenCount": 4}, "modelVersion": "gemini-2.5-flash"},
             {"candidates": [{"content": {"parts": [{"text": "c"}]}}]}]
            """;

        var result = ProviderResponseReader.Read(body);

        // Last usageMetadata: output = 10 + 4 = 14 (earlier counts are cumulative, not added).
        Assert.Equal(new TokenUsage(5, 14, ReasoningTokens: 4), result.Usage);
        Assert.Equal("gemini-2.5-flash", result.Model);
    }

    [Fact]
    public void Sse_stream_with_crlf_lines_uses_the_last_chunk_with_usage()
    {
        var body = "data: {\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":1},\"modelVersion\":\"gemini-2.0-flash\"}\r\n\r\n"
            + "data: {\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":6},\"modelVersion\":\"gemini-2.0-flash\"}\r\n\r\n";

        Assert.Equal(new TokenUsage(9, 6), ProviderResponseReader.Read(body).Usage);
    }
}
