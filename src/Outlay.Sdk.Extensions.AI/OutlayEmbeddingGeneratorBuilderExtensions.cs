using Outlay.Sdk;
using Outlay.Sdk.Extensions.AI;

namespace Microsoft.Extensions.AI;

/// <summary>Adds Outlay usage recording to an embedding generator pipeline.</summary>
public static class OutlayEmbeddingGeneratorBuilderExtensions
{
    /// <summary>
    /// Records an Outlay <c>embeddings</c> usage event after every call of the generators below this point: provider,
    /// model, input tokens, latency, status and tags. Inputs and vectors are never read. Recording never throws and
    /// never changes the call's result or exception.
    /// </summary>
    /// <typeparam name="TInput">The input type, usually <see cref="string"/>.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="builder">The embedding generator builder.</param>
    /// <param name="outlay">The Outlay client to report to; the pipeline does not dispose it.</param>
    /// <param name="configure">Sets <see cref="OutlayChatOptions"/> (key label, provider override, static tags). Default none.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <remarks>Per-call tags go into <c>EmbeddingGenerationOptions.AdditionalProperties[<see cref="OutlayTags.PerCallKey"/>]</c>. With <see cref="OutlayChatOptions.BudgetPolicy"/> on (off by default), a call an exceeded budget would count throws <see cref="Outlay.Sdk.Budgets.BudgetExceededException"/> before the inner generator is called, unless the policy's callback allows it.</remarks>
    /// <exception cref="InvalidOperationException"><c>BudgetPolicy.Mode</c> is <c>Callback</c> without an <c>OnExceeded</c> callback.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="outlay"/> is <see langword="null"/>.</exception>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> UseOutlay<TInput, TEmbedding>(
        this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, OutlayClient outlay, Action<OutlayChatOptions>? configure = null)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(outlay);
        var options = OutlayOptionsFactory.Create(configure);
        return builder.Use(innerGenerator => new OutlayEmbeddingGenerator<TInput, TEmbedding>(innerGenerator, outlay, options));
    }

    /// <summary>
    /// Like <see cref="UseOutlay{TInput, TEmbedding}(EmbeddingGeneratorBuilder{TInput, TEmbedding}, OutlayClient, Action{OutlayChatOptions}?)"/>,
    /// resolving the <see cref="OutlayClient"/> from the service provider the pipeline is built with (registered by <c>AddOutlay</c>).
    /// </summary>
    /// <typeparam name="TInput">The input type, usually <see cref="string"/>.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="builder">The embedding generator builder.</param>
    /// <param name="configure">Sets <see cref="OutlayChatOptions"/>. Default none.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>BudgetPolicy.Mode</c> is <c>Callback</c> without an <c>OnExceeded</c> callback.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Thrown by <c>Build</c> when no <see cref="OutlayClient"/> is registered.</exception>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> UseOutlay<TInput, TEmbedding>(
        this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, Action<OutlayChatOptions>? configure = null)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = OutlayOptionsFactory.Create(configure);
        return builder.Use((innerGenerator, services) =>
            new OutlayEmbeddingGenerator<TInput, TEmbedding>(innerGenerator, OutlayOptionsFactory.Resolve(services), options));
    }
}
