using System.Text.Json;

namespace Outlay.Core.Providers;

/// <summary>Picks the token rules for an OpenAI-shaped chat (or legacy text) completion: DeepSeek's when asked for or when its fields are present.</summary>
internal static class OpenAiCompatibleChat
{
    public static bool IsChatObject(JsonElement element) =>
        UsageJson.HasText(element, "object", "chat.completion")
        || UsageJson.HasText(element, "object", "chat.completion.chunk")
        || UsageJson.HasText(element, "object", "text_completion");

    public static ProviderUsage Read(JsonElement response, string? provider)
    {
        var isDeepSeek = string.Equals(provider, ProviderNames.DeepSeek, StringComparison.Ordinal)
            || (UsageJson.TryObject(response, "usage", out var usage) && DeepSeekChatUsageAdapter.HasCacheHitFields(usage));
        return isDeepSeek
            ? DeepSeekChatUsageAdapter.FromResponse(response, provider ?? ProviderNames.DeepSeek)
            : OpenAiChatUsageAdapter.FromResponse(response, provider ?? ProviderNames.OpenAi);
    }
}
