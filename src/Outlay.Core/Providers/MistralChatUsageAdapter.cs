using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Mistral chat completions: OpenAI-like <c>prompt_tokens</c> / <c>completion_tokens</c>, and the newer
/// <c>prompt_tokens_details.cached_tokens</c> when present (inside <c>prompt_tokens</c>, as with OpenAI).
/// </summary>
public static class MistralChatUsageAdapter
{
    /// <summary>Converts a Mistral <c>usage</c> object.</summary>
    public static TokenUsage FromUsage(JsonElement usage) => OpenAiChatUsageAdapter.FromUsage(usage);

    /// <summary>Reads a Mistral chat completion; the provider reported is <see cref="ProviderNames.Mistral"/>.</summary>
    /// <exception cref="ProviderResponseException">The body has no <c>usage</c> object.</exception>
    public static ProviderUsage FromResponse(JsonElement response) =>
        OpenAiChatUsageAdapter.FromResponse(response, ProviderNames.Mistral);
}
