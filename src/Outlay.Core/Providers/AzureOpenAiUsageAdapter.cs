using System.Text.Json;

namespace Outlay.Core.Providers;

/// <summary>
/// Azure OpenAI: the OpenAI shapes and token rules, reported as provider <see cref="ProviderNames.Azure"/>.
/// The model is what the body says (Azure often returns a generic name rather than the deployment);
/// it is not rewritten here.
/// </summary>
public static class AzureOpenAiUsageAdapter
{
    /// <summary>
    /// Reads an Azure OpenAI chat completion (or final stream chunk), Responses API response
    /// (or terminal stream event) or embeddings list, chosen by its <c>object</c> / <c>type</c>.
    /// </summary>
    /// <exception cref="ProviderResponseException">The body has no usage object.</exception>
    public static ProviderUsage FromResponse(JsonElement response)
    {
        if (UsageJson.HasText(response, "object", "response") || OpenAiResponsesUsageAdapter.IsTerminalEvent(response))
        {
            return OpenAiResponsesUsageAdapter.FromResponse(response, ProviderNames.Azure);
        }

        return UsageJson.HasText(response, "object", "list")
            ? OpenAiEmbeddingsUsageAdapter.FromResponse(response, ProviderNames.Azure)
            : OpenAiChatUsageAdapter.FromResponse(response, ProviderNames.Azure);
    }
}
