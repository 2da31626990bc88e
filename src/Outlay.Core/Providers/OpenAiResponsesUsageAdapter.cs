using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Token rules of the OpenAI Responses API: <c>input_tokens</c> includes <c>input_tokens_details.cached_tokens</c>
/// and <c>cache_write_tokens</c>; <c>output_tokens</c> includes <c>output_tokens_details.reasoning_tokens</c>.
/// </summary>
public static class OpenAiResponsesUsageAdapter
{
    /// <summary>Converts a Responses API <c>usage</c> object.</summary>
    public static TokenUsage FromUsage(JsonElement usage)
    {
        var input = UsageJson.Count(usage, "input_tokens") ?? 0;
        var output = UsageJson.Count(usage, "output_tokens") ?? 0;
        long cacheRead = 0, cacheWrite = 0, reasoning = 0;
        if (UsageJson.TryObject(usage, "input_tokens_details", out var inputDetails))
        {
            cacheRead = UsageJson.Count(inputDetails, "cached_tokens") ?? 0;
            cacheWrite = UsageJson.Count(inputDetails, "cache_write_tokens") ?? 0;
        }

        if (UsageJson.TryObject(usage, "output_tokens_details", out var outputDetails))
        {
            reasoning = UsageJson.Count(outputDetails, "reasoning_tokens") ?? 0;
        }

        return NormalisedUsage.Create(input, output, cacheRead, cacheWrite, 0, reasoning);
    }

    /// <summary>
    /// Reads a <c>response</c> object, or a streamed terminal event (<c>response.completed</c>,
    /// <c>response.incomplete</c>, <c>response.failed</c>) whose <c>response</c> carries the usage.
    /// </summary>
    /// <param name="response">The response object or terminal stream event.</param>
    /// <param name="provider">The provider to report; defaults to <see cref="ProviderNames.OpenAi"/>.</param>
    /// <exception cref="ProviderResponseException">No <c>usage</c> object was found.</exception>
    public static ProviderUsage FromResponse(JsonElement response, string provider = ProviderNames.OpenAi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        if (IsTerminalEvent(response) && UsageJson.TryObject(response, "response", out var inner))
        {
            response = inner;
        }

        if (!UsageJson.TryObject(response, "usage", out var usage))
        {
            throw new ProviderResponseException("The Responses API response carries no usage object.");
        }

        return new ProviderUsage(
            provider,
            UsageJson.Text(response, "model"),
            Operations.Responses,
            FromUsage(usage),
            ServiceTierMapping.Map(UsageJson.Text(response, "service_tier")),
            UsageJson.Text(response, "id"));
    }

    /// <summary>True for the stream events that end a response and carry its final usage.</summary>
    internal static bool IsTerminalEvent(JsonElement element) =>
        UsageJson.HasText(element, "type", "response.completed")
        || UsageJson.HasText(element, "type", "response.incomplete")
        || UsageJson.HasText(element, "type", "response.failed");
}
