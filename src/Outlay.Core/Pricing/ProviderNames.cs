namespace Outlay.Core.Pricing;

/// <summary>Canonical provider names used by the price catalog, and the spellings accepted for each.</summary>
public static class ProviderNames
{
    public const string OpenAI = "openai";
    public const string Azure = "azure";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";
    public const string VertexAI = "vertex_ai";
    public const string Bedrock = "bedrock";
    public const string Mistral = "mistral";
    public const string Cohere = "cohere";
    public const string DeepSeek = "deepseek";
    public const string XAI = "xai";
    public const string Groq = "groq";

    /// <summary>The providers the built-in catalog covers.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        [OpenAI, Azure, Anthropic, Gemini, VertexAI, Bedrock, Mistral, Cohere, DeepSeek, XAI, Groq];

    private static readonly Dictionary<string, string> Spellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = OpenAI,
        ["azure"] = Azure,
        ["azure_openai"] = Azure,
        ["azure.ai.openai"] = Azure,
        ["anthropic"] = Anthropic,
        ["google"] = Gemini,
        ["gemini"] = Gemini,
        ["gcp.gemini"] = Gemini,
        ["google_ai_studio"] = Gemini,
        ["vertex_ai"] = VertexAI,
        ["vertex"] = VertexAI,
        ["gcp.vertex_ai"] = VertexAI,
        ["bedrock"] = Bedrock,
        ["aws.bedrock"] = Bedrock,
        ["aws_bedrock"] = Bedrock,
        ["mistral"] = Mistral,
        ["mistral_ai"] = Mistral,
        ["cohere"] = Cohere,
        ["deepseek"] = DeepSeek,
        ["xai"] = XAI,
        ["x_ai"] = XAI,
        ["groq"] = Groq,
    };

    /// <summary>
    /// The canonical name of a provider spelling (case-insensitive). An unknown provider is returned trimmed and
    /// lower-cased, so user-supplied prices for other providers still match.
    /// </summary>
    public static string Normalize(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var trimmed = provider.Trim();
        return Spellings.TryGetValue(trimmed, out var canonical) ? canonical : trimmed.ToLowerInvariant();
    }
}
