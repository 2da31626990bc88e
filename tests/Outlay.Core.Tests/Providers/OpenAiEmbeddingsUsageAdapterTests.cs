using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class OpenAiEmbeddingsUsageAdapterTests
{
    private const string Body = """
        {"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [0.0023, -0.0093]}],
         "model": "text-embedding-3-small", "usage": {"prompt_tokens": 8, "total_tokens": 8}}
        """;

    [Fact]
    public void Embeddings_count_prompt_tokens_as_input_and_no_output()
    {
        var result = OpenAiEmbeddingsUsageAdapter.FromResponse(ProviderJson.Parse(Body));

        Assert.Equal(new TokenUsage(8, 0), result.Usage);
        Assert.Equal(Operations.Embeddings, result.Operation);
        Assert.Equal("text-embedding-3-small", result.Model);
    }

    [Fact]
    public void Reader_detects_the_embeddings_list()
    {
        var result = ProviderResponseReader.Read(Body);

        Assert.Equal(Operations.Embeddings, result.Operation);
        Assert.Equal("openai", result.Provider);
    }

    [Fact]
    public void Total_tokens_is_used_when_prompt_tokens_is_absent()
    {
        var usage = ProviderJson.Parse("""{"total_tokens": 42}""");

        Assert.Equal(new TokenUsage(42, 0), OpenAiEmbeddingsUsageAdapter.FromUsage(usage));
    }
}
