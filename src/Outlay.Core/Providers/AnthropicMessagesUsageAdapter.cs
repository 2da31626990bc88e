using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Token rules of the Anthropic Messages API (also the Anthropic-native bodies Bedrock InvokeModel returns):
/// <c>input_tokens</c> EXCLUDES cache, so total input = <c>input_tokens</c> + <c>cache_read_input_tokens</c> +
/// <c>cache_creation_input_tokens</c>; writes are split by <c>cache_creation.ephemeral_5m/1h_input_tokens</c>
/// when present, else all are 5-minute writes; <c>output_tokens</c> includes thinking.
/// </summary>
public static class AnthropicMessagesUsageAdapter
{
    private const string BedrockIdPrefix = "msg_bdrk_";

    /// <summary>Converts an Anthropic <c>usage</c> object.</summary>
    public static TokenUsage FromUsage(JsonElement usage)
    {
        var fields = new AnthropicUsageFields();
        fields.Merge(usage);
        return fields.ToTokenUsage();
    }

    /// <summary>Reads a Messages API response (<c>type: "message"</c>).</summary>
    /// <param name="message">The message object.</param>
    /// <param name="provider">
    /// The provider to report; by default <see cref="ProviderNames.Bedrock"/> for <c>msg_bdrk_</c> ids and
    /// <see cref="ProviderNames.Anthropic"/> otherwise.
    /// </param>
    /// <exception cref="ProviderResponseException">The body has no <c>usage</c> object.</exception>
    public static ProviderUsage FromResponse(JsonElement message, string? provider = null)
    {
        if (!UsageJson.TryObject(message, "usage", out var usage))
        {
            throw new ProviderResponseException("The Anthropic message carries no usage object.");
        }

        var fields = new AnthropicUsageFields();
        fields.Merge(usage);
        var id = UsageJson.Text(message, "id");
        return Build(fields, provider, UsageJson.Text(message, "model"), id);
    }

    internal static ProviderUsage Build(AnthropicUsageFields fields, string? provider, string? model, string? id) =>
        new(
            provider ?? DefaultProvider(id),
            model,
            Operations.Chat,
            fields.ToTokenUsage(),
            ServiceTierMapping.Map(fields.ServiceTier),
            id);

    private static string DefaultProvider(string? id) =>
        id is not null && id.StartsWith(BedrockIdPrefix, StringComparison.Ordinal) ? ProviderNames.Bedrock : ProviderNames.Anthropic;
}
