using System.Diagnostics.CodeAnalysis;

namespace Outlay.Core.Providers;

/// <summary>
/// The provider names the adapters report, and the normalisation of hints (including the OpenTelemetry
/// <c>gen_ai.provider.name</c> / <c>gen_ai.system</c> spellings) onto them.
/// </summary>
public static class ProviderNames
{
    public const string OpenAi = "openai";
    public const string Azure = "azure";
    public const string Anthropic = "anthropic";
    public const string Bedrock = "bedrock";
    public const string Gemini = "gemini";
    public const string VertexAi = "vertex_ai";
    public const string Mistral = "mistral";
    public const string Cohere = "cohere";
    public const string DeepSeek = "deepseek";
    public const string XAi = "xai";
    public const string Groq = "groq";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = OpenAi,
        ["azure"] = Azure,
        ["azure_openai"] = Azure,
        ["azure-openai"] = Azure,
        ["azureopenai"] = Azure,
        ["azure.ai.openai"] = Azure,
        ["az.ai.openai"] = Azure,
        ["anthropic"] = Anthropic,
        ["bedrock"] = Bedrock,
        ["aws.bedrock"] = Bedrock,
        ["aws_bedrock"] = Bedrock,
        ["amazon_bedrock"] = Bedrock,
        ["gemini"] = Gemini,
        ["google"] = Gemini,
        ["gcp.gemini"] = Gemini,
        ["google_ai_studio"] = Gemini,
        ["vertex_ai"] = VertexAi,
        ["vertex"] = VertexAi,
        ["vertexai"] = VertexAi,
        ["gcp.vertex_ai"] = VertexAi,
        ["mistral"] = Mistral,
        ["mistral_ai"] = Mistral,
        ["mistralai"] = Mistral,
        ["cohere"] = Cohere,
        ["deepseek"] = DeepSeek,
        ["xai"] = XAi,
        ["x_ai"] = XAi,
        ["x.ai"] = XAi,
        ["grok"] = XAi,
        ["groq"] = Groq,
    };

    /// <summary>
    /// Maps a provider hint onto the names above (case-insensitive, surrounding spaces ignored).
    /// A name outside the list is returned trimmed and lower-cased, so OpenAI-compatible providers
    /// not listed here keep their own name. Returns null for a null or blank hint.
    /// </summary>
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Provider names on the wire are lower-case by contract.")]
    public static string? Normalise(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            return null;
        }

        var trimmed = hint.Trim();
        return Aliases.TryGetValue(trimmed, out var known) ? known : trimmed.ToLowerInvariant();
    }
}
