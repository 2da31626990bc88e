using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Token rules of OpenAI Chat Completions and the providers that copy its shape (Azure OpenAI, Mistral, xAI,
/// Groq, ...): <c>prompt_tokens</c> already includes <c>prompt_tokens_details.cached_tokens</c> and
/// <c>cache_write_tokens</c>; <c>completion_tokens</c> already includes <c>completion_tokens_details.reasoning_tokens</c>.
/// </summary>
public static class OpenAiChatUsageAdapter
{
    /// <summary>Converts a Chat Completions <c>usage</c> object.</summary>
    public static TokenUsage FromUsage(JsonElement usage)
    {
        var input = UsageJson.Count(usage, "prompt_tokens") ?? 0;
        var output = UsageJson.Count(usage, "completion_tokens") ?? 0;
        long cacheRead = 0, cacheWrite = 0, reasoning = 0;
        if (UsageJson.TryObject(usage, "prompt_tokens_details", out var promptDetails))
        {
            cacheRead = UsageJson.Count(promptDetails, "cached_tokens") ?? 0;
            cacheWrite = UsageJson.Count(promptDetails, "cache_write_tokens") ?? 0;
        }

        if (UsageJson.TryObject(usage, "completion_tokens_details", out var completionDetails))
        {
            reasoning = UsageJson.Count(completionDetails, "reasoning_tokens") ?? 0;
        }

        return NormalisedUsage.Create(input, output, cacheRead, cacheWrite, 0, reasoning);
    }

    /// <summary>
    /// Reads a <c>chat.completion</c> body, or the final <c>chat.completion.chunk</c> of a stream (the one with
    /// <c>choices: []</c> and <c>usage</c>). A legacy <c>text_completion</c> body (same usage) is reported as operation
    /// <c>completion</c>.
    /// </summary>
    /// <param name="response">The response object.</param>
    /// <param name="provider">The provider to report; defaults to <see cref="ProviderNames.OpenAi"/>.</param>
    /// <exception cref="ProviderResponseException">The body has no <c>usage</c> object.</exception>
    public static ProviderUsage FromResponse(JsonElement response, string provider = ProviderNames.OpenAi) =>
        FromResponse(response, provider, FromUsage);

    /// <summary>Shared by the OpenAI-compatible adapters whose usage fields differ (DeepSeek).</summary>
    internal static ProviderUsage FromResponse(JsonElement response, string provider, Func<JsonElement, TokenUsage> readUsage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        if (!UsageJson.TryObject(response, "usage", out var usage))
        {
            throw new ProviderResponseException(
                "The chat completion carries no usage object (a stream needs stream_options.include_usage=true).");
        }

        return new ProviderUsage(
            provider,
            UsageJson.Text(response, "model"),
            UsageJson.HasText(response, "object", "text_completion") ? Operations.Completion : Operations.Chat,
            readUsage(usage),
            ServiceTierMapping.Map(UsageJson.Text(response, "service_tier")),
            UsageJson.Text(response, "id"));
    }
}
