using System.Diagnostics.CodeAnalysis;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>Maps a Microsoft.Extensions.AI provider name (OpenTelemetry <c>gen_ai.provider.name</c> spellings) onto Outlay's names.</summary>
internal static class ProviderNameMapping
{
    public const string Unknown = "unknown";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = "openai",
        ["azure"] = "azure",
        ["azure.ai.openai"] = "azure",
        ["az.ai.openai"] = "azure",
        ["azure_openai"] = "azure",
        ["azure-openai"] = "azure",
        ["azureopenai"] = "azure",
        ["azure.ai.inference"] = "azure",
        ["az.ai.inference"] = "azure",
        ["anthropic"] = "anthropic",
        ["aws.bedrock"] = "bedrock",
        ["bedrock"] = "bedrock",
        ["gcp.gemini"] = "gemini",
        ["gemini"] = "gemini",
        ["google"] = "gemini",
        ["gcp.vertex_ai"] = "vertex_ai",
        ["vertex_ai"] = "vertex_ai",
        ["mistral_ai"] = "mistral",
        ["mistral"] = "mistral",
        ["cohere"] = "cohere",
        ["deepseek"] = "deepseek",
        ["x_ai"] = "xai",
        ["xai"] = "xai",
        ["groq"] = "groq",
    };

    /// <summary>
    /// The Outlay provider for a metadata provider name and endpoint. The OpenAI adapter reports <c>openai</c> for Azure
    /// OpenAI endpoints too, so an Azure host turns it into <c>azure</c>. Unlisted names pass through lower-cased.
    /// </summary>
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Provider names on the wire are lower-case by contract.")]
    public static string Map(string? providerName, Uri? providerUri)
    {
        if (string.IsNullOrWhiteSpace(providerName))
        {
            return Unknown;
        }

        var trimmed = providerName.Trim();
        if (!Aliases.TryGetValue(trimmed, out var mapped))
        {
            return trimmed.ToLowerInvariant();
        }

        return mapped == "openai" && IsAzureHost(providerUri) ? "azure" : mapped;
    }

    private static bool IsAzureHost(Uri? uri) =>
        uri is { IsAbsoluteUri: true }
        && (uri.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".services.ai.azure.com", StringComparison.OrdinalIgnoreCase));
}
