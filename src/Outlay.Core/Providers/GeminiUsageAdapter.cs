using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Token rules of Gemini <c>generateContent</c> (AI Studio and Vertex AI): <c>promptTokenCount</c> includes
/// <c>cachedContentTokenCount</c>; <c>toolUsePromptTokenCount</c> is input too; thoughts are outside candidates,
/// so output = <c>candidatesTokenCount</c> + <c>thoughtsTokenCount</c> and reasoning = <c>thoughtsTokenCount</c>.
/// </summary>
public static class GeminiUsageAdapter
{
    /// <summary>Converts a <c>usageMetadata</c> object.</summary>
    public static TokenUsage FromUsageMetadata(JsonElement usageMetadata)
    {
        var prompt = UsageJson.Count(usageMetadata, "promptTokenCount") ?? 0;
        var toolUsePrompt = UsageJson.Count(usageMetadata, "toolUsePromptTokenCount") ?? 0;
        var cached = UsageJson.Count(usageMetadata, "cachedContentTokenCount") ?? 0;
        var candidates = UsageJson.Count(usageMetadata, "candidatesTokenCount") ?? 0;
        var thoughts = UsageJson.Count(usageMetadata, "thoughtsTokenCount") ?? 0;
        return NormalisedUsage.Create(
            UsageJson.Add(prompt, toolUsePrompt),
            UsageJson.Add(candidates, thoughts),
            cacheRead: cached,
            reasoning: thoughts);
    }

    /// <summary>Reads a <c>generateContent</c> response, or the stream chunk that carries <c>usageMetadata</c>.</summary>
    /// <param name="response">The response object.</param>
    /// <param name="provider">
    /// The provider to report; by default <see cref="ProviderNames.VertexAi"/> when the usage names a Vertex
    /// <c>trafficType</c>, else <see cref="ProviderNames.Gemini"/>.
    /// </param>
    /// <exception cref="ProviderResponseException">The body has no <c>usageMetadata</c> object.</exception>
    public static ProviderUsage FromResponse(JsonElement response, string? provider = null)
    {
        if (!UsageJson.TryObject(response, "usageMetadata", out var metadata))
        {
            throw new ProviderResponseException("The Gemini response carries no usageMetadata object.");
        }

        var isVertex = UsageJson.Text(metadata, "trafficType") is not null;
        return new ProviderUsage(
            provider ?? (isVertex ? ProviderNames.VertexAi : ProviderNames.Gemini),
            UsageJson.Text(response, "modelVersion"),
            Operations.Chat,
            FromUsageMetadata(metadata),
            ServiceTierMapping.Map(UsageJson.Text(metadata, "serviceTier")),
            UsageJson.Text(response, "responseId"));
    }
}
