using System.Diagnostics.CodeAnalysis;

namespace Outlay.Sdk.Diagnostics;

/// <summary>Maps <c>gen_ai.provider.name</c> / <c>gen_ai.system</c> values to Outlay's provider names.</summary>
internal static class GenAiProviders
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["azure.ai.openai"] = "azure",
        ["az.ai.openai"] = "azure",
        ["azure_openai"] = "azure",
        ["azure.ai.inference"] = "azure",
        ["az.ai.inference"] = "azure",
        ["aws.bedrock"] = "bedrock",
        ["gcp.gemini"] = "gemini",
        ["google"] = "gemini",
        ["gcp.vertex_ai"] = "vertex_ai",
        ["gcp.gen_ai"] = "vertex_ai",
        ["vertex_ai"] = "vertex_ai",
        ["mistral_ai"] = "mistral",
        ["mistralai"] = "mistral",
        ["x_ai"] = "xai",
    };

    /// <summary>
    /// The Outlay provider for a convention value; an <c>openai</c> call to an <c>*.openai.azure.com</c> host is Azure
    /// (Microsoft.Extensions.AI reports <c>openai</c> for Azure OpenAI endpoints too).
    /// </summary>
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Provider names on the wire are lower-case by contract.")]
    public static string? Normalise(string? conventionValue, string? serverAddress)
    {
        if (serverAddress is not null && serverAddress.Contains("openai.azure.com", StringComparison.OrdinalIgnoreCase))
        {
            return "azure";
        }

        if (conventionValue is null)
        {
            return null;
        }

        return Aliases.TryGetValue(conventionValue, out var known) ? known : conventionValue.ToLowerInvariant();
    }
}
