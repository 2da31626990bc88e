using System.Text.Json;

namespace Outlay.Core.Providers;

/// <summary>Chooses the adapter for one JSON response object by its shape; the provider hint only renames.</summary>
internal static class SingleResponseReader
{
    public static ProviderUsage Read(JsonElement root, string? provider)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ProviderResponseException("The provider response is not a JSON object.");
        }

        if (UsageJson.TryObject(root, "usageMetadata", out _))
        {
            return GeminiUsageAdapter.FromResponse(root, provider);
        }

        if (UsageJson.HasText(root, "type", "message"))
        {
            return AnthropicMessagesUsageAdapter.FromResponse(root, provider);
        }

        if (OpenAiCompatibleChat.IsChatObject(root))
        {
            return OpenAiCompatibleChat.Read(root, provider);
        }

        if (UsageJson.HasText(root, "object", "response") || OpenAiResponsesUsageAdapter.IsTerminalEvent(root))
        {
            return OpenAiResponsesUsageAdapter.FromResponse(root, provider ?? ProviderNames.OpenAi);
        }

        if (UsageJson.HasText(root, "object", "list") && UsageJson.TryObject(root, "usage", out _))
        {
            return OpenAiEmbeddingsUsageAdapter.FromResponse(root, provider ?? ProviderNames.OpenAi);
        }

        if (BedrockConverseUsageAdapter.TryFindUsage(root, out _))
        {
            return BedrockConverseUsageAdapter.FromResponse(root, null, provider ?? ProviderNames.Bedrock);
        }

        if (CohereChatUsageAdapter.TryFindUsage(root, out _))
        {
            return CohereChatUsageAdapter.FromResponse(root);
        }

        // Single stream events posted on their own (Anthropic message_start/message_delta, a final chat chunk without "object").
        if (UsageJson.TryObject(root, "usage", out var usage) && UsageJson.Count(usage, "prompt_tokens") is not null)
        {
            return OpenAiCompatibleChat.Read(root, provider);
        }

        var collector = new StreamUsageCollector(provider);
        collector.Observe(root);

        return collector.TryBuild()
            ?? throw new ProviderResponseException("The provider response has no usage in any recognised format.");
    }
}
