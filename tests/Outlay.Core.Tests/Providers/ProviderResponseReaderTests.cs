using System.Text;
using Outlay.Core.Events;
using Outlay.Core.Providers;
using Outlay.Testing;

namespace Outlay.Core.Tests.Providers;

public sealed class ProviderResponseReaderTests
{
    [Theory]
    [InlineData("fixtures/openai/chat-completions_cache-write_gpt-5.6.json", "openai", "gpt-5.6-sol", Operations.Chat)]
    [InlineData("fixtures/openai/chat-completions_stream_include-usage.sse.txt", "openai", "gpt-4o-2024-08-06", Operations.Chat)]
    [InlineData("fixtures/anthropic/messages_cache-write_claude-3-5-sonnet.json", "anthropic", "claude-3-5-sonnet-20240620", Operations.Chat)]
    [InlineData("fixtures/anthropic/messages_stream_cache-write.sse.txt", "anthropic", "claude-3-5-sonnet-20240620", Operations.Chat)]
    [InlineData("fixtures/gemini/generatecontent_gemini-2.5-flash_thoughts.json", "gemini", "gemini-2.5-flash", Operations.Chat)]
    [InlineData("fixtures/mistral/chat-completions_mistral-tiny.json", "openai", "mistral-tiny", Operations.Chat)]
    public void Format_is_detected_without_a_hint(string fixture, string provider, string model, string operation)
    {
        var result = ProviderResponseReader.Read(SharedFixtures.ReadText(fixture));

        Assert.Equal((provider, model, operation), (result.Provider, result.Model, result.Operation));
    }

    [Theory]
    [InlineData("azure.ai.openai", "azure")]
    [InlineData("Groq", "groq")]
    [InlineData("x_ai", "xai")]
    [InlineData("together_ai", "together_ai")]
    public void Hint_names_the_provider_of_a_shared_shape(string hint, string expected)
    {
        var body = SharedFixtures.ReadText("fixtures/openai/chat-completions_gpt-4o-mini.json");

        var result = ProviderResponseReader.Read(body, hint);

        Assert.Equal(expected, result.Provider);
        Assert.Equal(new TokenUsage(11, 9), result.Usage);
    }

    [Fact]
    public void Model_hint_never_replaces_the_model_the_body_names()
    {
        var body = SharedFixtures.ReadText("fixtures/openai/chat-completions_gpt-4o-mini.json");

        Assert.Equal("gpt-4o-mini-2024-07-18", ProviderResponseReader.Read(body, modelHint: "my-deployment").Model);
    }

    [Fact]
    public void Stream_without_usage_is_refused_with_a_clear_message_and_no_content()
    {
        var full = SharedFixtures.ReadText("fixtures/openai/chat-completions_stream_include-usage.sse.txt");
        var withoutUsage = string.Join('\n', full.Split('\n').Where(line => !line.Contains("\"usage\":{", StringComparison.Ordinal)));
        Assert.NotEqual(full, withoutUsage);

        var error = Assert.Throws<ProviderResponseException>(() => ProviderResponseReader.Read(withoutUsage));

        Assert.Contains("stream_options.include_usage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sorry", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("chatcmpl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_refused_without_echoing_the_body()
    {
        const string body = """{"usage": {"prompt_tokens": 12, "note": "sk-proj-leakedvalue123" """;

        var error = Assert.Throws<ProviderResponseException>(() => ProviderResponseReader.Read(body));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-proj", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void Malformed_sse_event_is_refused_naming_only_its_position()
    {
        const string body = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"secret words\"\n\n";

        var error = Assert.Throws<ProviderResponseException>(() => ProviderResponseReader.Read(body));

        Assert.Contains("event 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_is_refused()
    {
        var depth = ProviderResponseReader.MaxJsonDepth + 1;
        var body = "{\"usage\":" + new string('[', depth) + new string(']', depth) + "}";

        Assert.Throws<ProviderResponseException>(() => ProviderResponseReader.Read(body));
    }

    [Fact]
    public void Body_larger_than_the_limit_is_refused_before_parsing()
    {
        var body = new StringBuilder(ProviderResponseReader.MaxBodyLength + 1).Append('{').Append(' ', ProviderResponseReader.MaxBodyLength).ToString();

        var error = Assert.Throws<ProviderResponseException>(() => ProviderResponseReader.Read(body));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Internal Server Error")]
    [InlineData("")]
    [InlineData("{\"id\": \"x\", \"object\": \"thing\"}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    public void Bodies_without_usage_are_refused(string body)
    {
        Assert.Throws<ProviderResponseException>(() => ProviderResponseReader.Read(body));
    }

    [Fact]
    public void Null_body_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => ProviderResponseReader.Read(null!));
    }

    [Fact]
    public void Final_chunk_without_model_takes_model_id_and_tier_from_earlier_chunks()
    {
        var body = """
            data: {"id":"chatcmpl-9","object":"chat.completion.chunk","model":"grok-4","service_tier":"priority","choices":[{"delta":{"content":"x"}}],"usage":null}

            data: {"object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}

            data: [DONE]

            """;

        var result = ProviderResponseReader.Read(body, "xai");

        Assert.Equal(("xai", "grok-4", "chatcmpl-9", ServiceTiers.Priority), (result.Provider, result.Model, result.ResponseId, result.ServiceTier));
        Assert.Equal(new TokenUsage(3, 2), result.Usage);
    }

    [Fact]
    public void Byte_order_mark_before_sse_is_ignored()
    {
        var body = "\uFEFFdata: {\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\n";

        Assert.Equal(new TokenUsage(5, 1), ProviderResponseReader.Read(body).Usage);
    }

    [Fact]
    public void Legacy_text_completion_is_reported_as_completion()
    {
        var body = """
            {"id": "cmpl-1", "object": "text_completion", "model": "gpt-3.5-turbo-instruct",
             "choices": [{"text": "private", "index": 0}], "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}}
            """;

        var result = ProviderResponseReader.Read(body);

        Assert.Equal(Operations.Completion, result.Operation);
        Assert.Equal(new TokenUsage(5, 7), result.Usage);
    }
}
