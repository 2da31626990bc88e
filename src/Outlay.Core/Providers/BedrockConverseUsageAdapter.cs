using System.Text.Json;
using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Token rules of Bedrock Converse / ConverseStream: <c>inputTokens</c> EXCLUDES <c>cacheReadInputTokens</c> and
/// <c>cacheWriteInputTokens</c> (<c>totalTokens</c> includes them), so total input is their sum; <c>cacheDetails[]</c>
/// splits the writes by TTL (<c>1h</c> / <c>5m</c>). The duplicated <c>*TokenCount</c> aliases are read only when
/// the primary name is absent, never added. Reasoning is not broken out.
/// </summary>
public static class BedrockConverseUsageAdapter
{
    /// <summary>Converts a Converse <c>usage</c> object.</summary>
    public static TokenUsage FromUsage(JsonElement usage)
    {
        var input = UsageJson.FirstCount(usage, "inputTokens", "inputTokenCount") ?? 0;
        var output = UsageJson.FirstCount(usage, "outputTokens", "outputTokenCount") ?? 0;
        var read = UsageJson.FirstCount(usage, "cacheReadInputTokens", "cacheReadInputTokenCount") ?? 0;
        var write = UsageJson.FirstCount(usage, "cacheWriteInputTokens", "cacheWriteInputTokenCount");
        long detail1h = 0, detail5m = 0;
        if (usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty("cacheDetails", out var details)
            && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                var tokens = UsageJson.Count(detail, "inputTokens") ?? 0;
                if (UsageJson.HasText(detail, "ttl", "1h"))
                {
                    detail1h = UsageJson.Add(detail1h, tokens);
                }
                else
                {
                    detail5m = UsageJson.Add(detail5m, tokens);
                }
            }
        }

        // The write total is trusted; the details decide only how much of it is 1-hour.
        var writeTotal = write ?? UsageJson.Add(detail1h, detail5m);
        var write1h = Math.Min(detail1h, writeTotal);
        var totalInput = UsageJson.Add(UsageJson.Add(input, read), writeTotal);
        return NormalisedUsage.Create(totalInput, output, read, writeTotal - write1h, write1h);
    }

    /// <summary>
    /// Reads a Converse response (<c>usage</c> at the top level), a ConverseStream <c>metadata</c> event
    /// (<c>{"metadata":{"usage":...}}</c>) or the bare metadata payload. Converse bodies do not name the model,
    /// so pass it from the request.
    /// </summary>
    /// <param name="response">The response or stream event.</param>
    /// <param name="model">The model id or inference-profile of the request, reported as is; may be null.</param>
    /// <param name="provider">The provider to report; defaults to <see cref="ProviderNames.Bedrock"/>.</param>
    /// <exception cref="ProviderResponseException">No usage object was found.</exception>
    public static ProviderUsage FromResponse(JsonElement response, string? model = null, string provider = ProviderNames.Bedrock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        if (!TryFindUsage(response, out var usage))
        {
            throw new ProviderResponseException("The Bedrock Converse response carries no usage object.");
        }

        return new ProviderUsage(provider, model, Operations.Chat, FromUsage(usage), null, null);
    }

    /// <summary>Finds a Converse usage object (one with <c>inputTokens</c>) at the top level or under <c>metadata</c>.</summary>
    internal static bool TryFindUsage(JsonElement response, out JsonElement usage)
    {
        if (UsageJson.TryObject(response, "metadata", out var metadata) && IsConverseUsage(metadata, out usage))
        {
            return true;
        }

        return IsConverseUsage(response, out usage);
    }

    private static bool IsConverseUsage(JsonElement parent, out JsonElement usage) =>
        UsageJson.TryObject(parent, "usage", out usage)
        && UsageJson.FirstCount(usage, "inputTokens", "inputTokenCount", "outputTokens", "outputTokenCount") is not null;
}
