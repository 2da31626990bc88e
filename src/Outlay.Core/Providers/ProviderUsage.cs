using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// The usage metadata read from one provider response, normalised to wire contract v1. It never carries
/// message content: only the provider, model, operation, token counts, service tier and response id.
/// </summary>
/// <param name="Provider">Normalised provider name (see <see cref="ProviderNames"/>), e.g. <c>openai</c>.</param>
/// <param name="Model">The model the response names (a dated snapshot where the provider says so); null when the body has none.</param>
/// <param name="Operation">One of the <see cref="Operations"/> values.</param>
/// <param name="Usage">Token counts: input includes cache reads and writes, output includes reasoning.</param>
/// <param name="ServiceTier">One of the <see cref="ServiceTiers"/> values, or null when the body states no tier.</param>
/// <param name="ResponseId">The provider's response id (useful to deduplicate), or null.</param>
public sealed record ProviderUsage(
    string Provider,
    string? Model,
    string Operation,
    TokenUsage Usage,
    string? ServiceTier,
    string? ResponseId);
