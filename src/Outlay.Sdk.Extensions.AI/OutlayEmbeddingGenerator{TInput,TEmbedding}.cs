using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>
/// Records an Outlay <c>embeddings</c> event after each call: provider, model, input tokens, latency, status and tags.
/// It reads <see cref="GeneratedEmbeddings{TEmbedding}.Usage"/> and model ids only, never the inputs or the vectors.
/// </summary>
internal sealed class OutlayEmbeddingGenerator<TInput, TEmbedding> : DelegatingEmbeddingGenerator<TInput, TEmbedding>
    where TEmbedding : Embedding
{
    private const string Operation = "embeddings";

    private readonly UsageRecorder _recorder;
    private readonly BudgetGate? _budgetGate;

    public OutlayEmbeddingGenerator(IEmbeddingGenerator<TInput, TEmbedding> innerGenerator, OutlayClient outlay, OutlayChatOptions options)
        : base(innerGenerator)
    {
        _recorder = new UsageRecorder(outlay, options);
        _budgetGate = BudgetGate.For(outlay, options);
    }

    public override async Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = _recorder.Begin(Operation, options?.ModelId, options?.AdditionalProperties);
        if (_budgetGate is not null)
        {
            var metadata = Metadata();
            _budgetGate.Enforce(call, metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
        }

        GeneratedEmbeddings<TEmbedding> embeddings;
        try
        {
            embeddings = await base.GenerateAsync(values, WithoutOutlayKeys(options), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Record(call, CallStatus.Of(exception, cancellationToken));
            throw;
        }

        call.Usage = embeddings.Usage;
        call.ResponseModel = embeddings.Count > 0 ? embeddings[0].ModelId : null;
        Record(call, CallStatus.Ok);
        return embeddings;
    }

    private static EmbeddingGenerationOptions? WithoutOutlayKeys(EmbeddingGenerationOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var forwarded = CallTags.WithoutOutlayKeys(options.AdditionalProperties);
        if (ReferenceEquals(forwarded, options.AdditionalProperties))
        {
            return options;
        }

        var clone = options.Clone();
        clone.AdditionalProperties = forwarded;
        return clone;
    }

    private void Record(CallRecord call, string status)
    {
        var metadata = Metadata();
        _recorder.Record(call, status, metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
    }

    private EmbeddingGeneratorMetadata? Metadata()
    {
        try
        {
            return InnerGenerator.GetService<EmbeddingGeneratorMetadata>();
        }
#pragma warning disable CA1031 // A failing GetService only costs the provider name; the call's own result stands.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
