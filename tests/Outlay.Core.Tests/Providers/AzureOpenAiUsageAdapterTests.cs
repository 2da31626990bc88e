using Outlay.Core.Events;
using Outlay.Core.Providers;
using Outlay.Testing;

namespace Outlay.Core.Tests.Providers;

public sealed class AzureOpenAiUsageAdapterTests
{
    [Fact]
    public void Chat_body_is_reported_as_azure_with_the_model_the_body_names()
    {
        var body = ProviderJson.Parse(SharedFixtures.ReadText("fixtures/openai/chat-completions_gpt-4o-mini.json"));

        var result = AzureOpenAiUsageAdapter.FromResponse(body);

        Assert.Equal("azure", result.Provider);
        Assert.Equal("gpt-4o-mini-2024-07-18", result.Model);
        Assert.Equal(new TokenUsage(11, 9), result.Usage);
    }

    [Fact]
    public void Responses_and_embeddings_shapes_are_dispatched_by_object()
    {
        var responses = ProviderJson.Parse("""
            {"id": "resp_1", "object": "response", "model": "gpt-5-nano",
             "usage": {"input_tokens": 10, "output_tokens": 203, "output_tokens_details": {"reasoning_tokens": 192}}}
            """);
        var embeddings = ProviderJson.Parse("""
            {"object": "list", "data": [], "model": "text-embedding-ada-002", "usage": {"prompt_tokens": 4, "total_tokens": 4}}
            """);

        var fromResponses = AzureOpenAiUsageAdapter.FromResponse(responses);
        var fromEmbeddings = AzureOpenAiUsageAdapter.FromResponse(embeddings);

        Assert.Equal((Operations.Responses, "azure"), (fromResponses.Operation, fromResponses.Provider));
        Assert.Equal(new TokenUsage(10, 203, ReasoningTokens: 192), fromResponses.Usage);
        Assert.Equal((Operations.Embeddings, "azure"), (fromEmbeddings.Operation, fromEmbeddings.Provider));
    }
}
