using System.Text.Json;

namespace Outlay.Core.Providers;

/// <summary>
/// Watches the events of one stream (SSE or a JSON array of chunks) and keeps the usage each format reports:
/// the last OpenAI chat chunk with <c>usage</c>, the Responses terminal event, the Anthropic start/delta counts,
/// the last Gemini chunk with <c>usageMetadata</c>, the Bedrock <c>metadata</c> event or the Cohere end event.
/// Only counts and identifiers are kept, so each event's document can be disposed at once.
/// </summary>
internal sealed class StreamUsageCollector(string? provider)
{
    private readonly AnthropicStreamUsage anthropic = new();
    private ProviderUsage? found;
    private bool sawChatChunk;
    private string? chatModel;
    private string? chatId;
    private string? chatTier;

    public void Observe(JsonElement streamEvent)
    {
        if (anthropic.Observe(streamEvent))
        {
            return;
        }

        if (OpenAiCompatibleChat.IsChatObject(streamEvent))
        {
            ObserveChatChunk(streamEvent);
        }
        else if (OpenAiResponsesUsageAdapter.IsTerminalEvent(streamEvent))
        {
            found = OpenAiResponsesUsageAdapter.FromResponse(streamEvent, provider ?? ProviderNames.OpenAi);
        }
        else if (UsageJson.TryObject(streamEvent, "usageMetadata", out _))
        {
            found = GeminiUsageAdapter.FromResponse(streamEvent, provider);
        }
        else if (BedrockConverseUsageAdapter.TryFindUsage(streamEvent, out _))
        {
            found = BedrockConverseUsageAdapter.FromResponse(streamEvent, null, provider ?? ProviderNames.Bedrock);
        }
        else if (UsageJson.HasText(streamEvent, "event_type", "stream-end")
            && UsageJson.TryObject(streamEvent, "response", out var cohereV1Response))
        {
            found = CohereChatUsageAdapter.FromResponse(cohereV1Response);
        }
        else if (CohereChatUsageAdapter.TryFindUsage(streamEvent, out _))
        {
            found = CohereChatUsageAdapter.FromResponse(streamEvent);
        }
    }

    /// <summary>The usage the stream reported, or null when no event carried usage.</summary>
    public ProviderUsage? TryBuild() => anthropic.HasUsage ? anthropic.Build(provider) : found;

    /// <summary>The usage the stream reported.</summary>
    /// <exception cref="ProviderResponseException">No event carried usage.</exception>
    public ProviderUsage Build() =>
        TryBuild() ?? throw new ProviderResponseException(sawChatChunk
            ? "The chat completion stream carries no usage: request it with stream_options.include_usage=true."
            : "The stream carries no event with usage.");

    private void ObserveChatChunk(JsonElement chunk)
    {
        sawChatChunk = true;
        chatModel ??= UsageJson.Text(chunk, "model");
        chatId ??= UsageJson.Text(chunk, "id");
        chatTier ??= UsageJson.Text(chunk, "service_tier");
        if (!UsageJson.TryObject(chunk, "usage", out _))
        {
            return;
        }

        // The usage chunk normally repeats model, id and tier; earlier chunks fill in what it leaves out.
        var usage = OpenAiCompatibleChat.Read(chunk, provider);
        found = usage with
        {
            Model = usage.Model ?? chatModel,
            ResponseId = usage.ResponseId ?? chatId,
            ServiceTier = usage.ServiceTier ?? ServiceTierMapping.Map(chatTier),
        };
    }
}
