using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// OpenAI embeddings (<c>object: "list"</c>): <c>usage.prompt_tokens</c> is the input (falling back to
/// <c>total_tokens</c>, which equals it); embeddings produce no output tokens.
/// </summary>
public static class OpenAiEmbeddingsUsageAdapter
{
    /// <summary>Converts an embeddings <c>usage</c> object.</summary>
    public static TokenUsage FromUsage(JsonElement usage) =>
        NormalisedUsage.Create(UsageJson.FirstCount(usage, "prompt_tokens", "total_tokens") ?? 0, 0);

    /// <summary>Reads an embeddings response; the vectors are never read.</summary>
    /// <param name="response">The response object.</param>
    /// <param name="provider">The provider to report; defaults to <see cref="ProviderNames.OpenAi"/>.</param>
    /// <exception cref="ProviderResponseException">The body has no <c>usage</c> object.</exception>
    public static ProviderUsage FromResponse(JsonElement response, string provider = ProviderNames.OpenAi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        if (!UsageJson.TryObject(response, "usage", out var usage))
        {
            throw new ProviderResponseException("The embeddings response carries no usage object.");
        }

        return new ProviderUsage(
            provider,
            UsageJson.Text(response, "model"),
            Operations.Embeddings,
            FromUsage(usage),
            ServiceTierMapping.Map(UsageJson.Text(response, "service_tier")),
            UsageJson.Text(response, "id"));
    }
}
