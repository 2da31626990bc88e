using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI.Tests.Support;

/// <summary>An embedding provider stand-in returning one scripted result and remembering the options it was given.</summary>
internal sealed class ScriptedEmbeddingGenerator(EmbeddingGeneratorMetadata? metadata, GeneratedEmbeddings<Embedding<float>> result)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<EmbeddingGenerationOptions?> ReceivedOptions { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ReceivedOptions.Add(options);
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
