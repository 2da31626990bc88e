using Microsoft.Extensions.AI;
using Outlay.Sdk.Extensions.AI.Tests.Support;

namespace Outlay.Sdk.Extensions.AI.Tests;

public sealed class EmbeddingRecordingTests
{
    [Fact]
    public async Task Records_an_embeddings_event_with_input_tokens_model_and_tags_and_strips_the_tag_key()
    {
        await using var outlay = new RecordingOutlay();
        var result = new GeneratedEmbeddings<Embedding<float>>([new Embedding<float>(new float[] { 0.1f, 0.2f }) { ModelId = "text-embedding-3-small" }])
        {
            Usage = new UsageDetails { InputTokenCount = 42, TotalTokenCount = 42 },
        };
        var inner = new ScriptedEmbeddingGenerator(new EmbeddingGeneratorMetadata("openai", null, "text-embedding-3-large"), result);
        using var generator = new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner)
            .UseOutlay(outlay.Client, o => o.KeyLabel = "openai-indexer")
            .Build();
        var options = new EmbeddingGenerationOptions
        {
            AdditionalProperties = new() { [OutlayTags.PerCallKey] = new Dictionary<string, string> { ["feature"] = "indexing" } },
        };

        var embeddings = await generator.GenerateAsync(["a document"], options, TestContext.Current.CancellationToken);

        Assert.Same(result, embeddings);
        Assert.Null(Assert.Single(inner.ReceivedOptions)!.AdditionalProperties);
        var e = await outlay.SingleEventAsync();
        Assert.Equal("embeddings", e.Text("operation"));
        Assert.Equal("openai", e.Text("provider"));
        Assert.Equal("text-embedding-3-small", e.Text("model"));
        Assert.Equal("openai-indexer", e.Text("key_label"));
        Assert.Equal(42, e.Usage("input_tokens"));
        Assert.Equal(0, e.Usage("output_tokens"));
        Assert.Equal("indexing", e.Tags()["feature"]);
    }
}
