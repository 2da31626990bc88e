using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// DeepSeek chat completions: the OpenAI shape plus <c>prompt_cache_hit_tokens</c> (cache reads) and
/// <c>prompt_cache_miss_tokens</c> (the uncached part), whose sum is the whole input.
/// </summary>
public static class DeepSeekChatUsageAdapter
{
    /// <summary>
    /// Converts a DeepSeek <c>usage</c> object. When the hit/miss pair is present, input = hit + miss and
    /// cache reads = hit; otherwise the OpenAI rules apply.
    /// </summary>
    public static TokenUsage FromUsage(JsonElement usage)
    {
        var openAi = OpenAiChatUsageAdapter.FromUsage(usage);
        var hit = UsageJson.Count(usage, "prompt_cache_hit_tokens");
        var miss = UsageJson.Count(usage, "prompt_cache_miss_tokens");
        if (hit is null && miss is null)
        {
            return openAi;
        }

        var input = UsageJson.Add(hit ?? 0, miss ?? 0);
        return NormalisedUsage.Create(input, openAi.OutputTokens, hit ?? 0, 0, 0, openAi.ReasoningTokens);
    }

    /// <summary>Reads a DeepSeek chat completion (or its final stream chunk).</summary>
    /// <param name="response">The response object.</param>
    /// <param name="provider">The provider to report; defaults to <see cref="ProviderNames.DeepSeek"/>.</param>
    /// <exception cref="ProviderResponseException">The body has no <c>usage</c> object.</exception>
    public static ProviderUsage FromResponse(JsonElement response, string provider = ProviderNames.DeepSeek) =>
        OpenAiChatUsageAdapter.FromResponse(response, provider, FromUsage);

    /// <summary>True when a usage object carries DeepSeek's hit/miss fields.</summary>
    internal static bool HasCacheHitFields(JsonElement usage) =>
        UsageJson.Count(usage, "prompt_cache_hit_tokens") is not null
        || UsageJson.Count(usage, "prompt_cache_miss_tokens") is not null;
}
