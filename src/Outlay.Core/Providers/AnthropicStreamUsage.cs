using System.Text.Json;

namespace Outlay.Core.Providers;

/// <summary>
/// Collects usage across an Anthropic Messages stream: <c>message_start.message.usage</c> brings input and cache
/// counts, each <c>message_delta.usage</c> brings the cumulative output (and may repeat the input and cache counts).
/// </summary>
internal sealed class AnthropicStreamUsage
{
    private readonly AnthropicUsageFields fields = new();
    private string? model;
    private string? id;

    public bool HasUsage => fields.HasUsage;

    /// <summary>Takes one stream event; returns true when it was an Anthropic usage-bearing event.</summary>
    public bool Observe(JsonElement streamEvent)
    {
        if (UsageJson.HasText(streamEvent, "type", "message_start")
            && UsageJson.TryObject(streamEvent, "message", out var message))
        {
            model = UsageJson.Text(message, "model") ?? model;
            id = UsageJson.Text(message, "id") ?? id;
            if (UsageJson.TryObject(message, "usage", out var startUsage))
            {
                fields.Merge(startUsage);
            }

            return true;
        }

        if (UsageJson.HasText(streamEvent, "type", "message_delta"))
        {
            if (UsageJson.TryObject(streamEvent, "usage", out var deltaUsage))
            {
                fields.Merge(deltaUsage);
            }

            return true;
        }

        return false;
    }

    public ProviderUsage Build(string? provider) => AnthropicMessagesUsageAdapter.Build(fields, provider, model, id);
}
