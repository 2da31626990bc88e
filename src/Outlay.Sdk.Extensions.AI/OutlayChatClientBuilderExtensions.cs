using Outlay.Sdk;
using Outlay.Sdk.Extensions.AI;

namespace Microsoft.Extensions.AI;

/// <summary>Adds Outlay usage recording to a chat client pipeline.</summary>
public static class OutlayChatClientBuilderExtensions
{
    /// <summary>
    /// Records an Outlay usage event after every call of the clients below this point in the pipeline: provider,
    /// model, token counts (cached and reasoning included), service tier, latency, status (<c>ok</c>, <c>error</c>, or
    /// <c>cancelled</c> for a cancelled call or a stream the caller stopped reading) and tags. Message contents are
    /// never read. Recording never throws and never changes the call's result or exception.
    /// </summary>
    /// <param name="builder">The chat client builder.</param>
    /// <param name="outlay">The Outlay client to report to; the pipeline does not dispose it.</param>
    /// <param name="configure">Sets <see cref="OutlayChatOptions"/> (key label, provider override, static tags). Default none.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <remarks>
    /// Place it directly above the provider's client (call it last before <c>Build</c>) so that each provider round
    /// trip is recorded once, including those made by function-invocation middleware. Per-call tags go into
    /// <c>ChatOptions.AdditionalProperties[<see cref="OutlayTags.PerCallKey"/>]</c>; ambient tags through <see cref="OutlayTags.Begin"/>.
    /// With <see cref="OutlayChatOptions.BudgetPolicy"/> on (it is off by default), a call that an exceeded budget would
    /// count throws <see cref="Outlay.Sdk.Budgets.BudgetExceededException"/> before the inner client is called (for a
    /// stream, from <c>GetStreamingResponseAsync</c> itself), unless the policy's callback allows it.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><c>BudgetPolicy.Mode</c> is <c>Callback</c> without an <c>OnExceeded</c> callback.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="outlay"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseOutlay(this ChatClientBuilder builder, OutlayClient outlay, Action<OutlayChatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(outlay);
        var options = OutlayOptionsFactory.Create(configure);
        return builder.Use(innerClient => new OutlayChatClient(innerClient, outlay, options));
    }

    /// <summary>
    /// Like <see cref="UseOutlay(ChatClientBuilder, OutlayClient, Action{OutlayChatOptions}?)"/>, resolving the
    /// <see cref="OutlayClient"/> from the service provider the pipeline is built with (registered by <c>AddOutlay</c>
    /// from <c>Outlay.Sdk.Hosting</c>).
    /// </summary>
    /// <param name="builder">The chat client builder.</param>
    /// <param name="configure">Sets <see cref="OutlayChatOptions"/>. Default none.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>BudgetPolicy.Mode</c> is <c>Callback</c> without an <c>OnExceeded</c> callback.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Thrown by <c>Build</c> when no <see cref="OutlayClient"/> is registered.</exception>
    public static ChatClientBuilder UseOutlay(this ChatClientBuilder builder, Action<OutlayChatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = OutlayOptionsFactory.Create(configure);
        return builder.Use((innerClient, services) => new OutlayChatClient(innerClient, OutlayOptionsFactory.Resolve(services), options));
    }
}
