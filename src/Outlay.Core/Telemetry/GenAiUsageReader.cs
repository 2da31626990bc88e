using System.Globalization;
using Outlay.Core.Events;
using static Outlay.Core.Telemetry.GenAiAttributes;

namespace Outlay.Core.Telemetry;

/// <summary>
/// Reads token counts under every dialect's names and normalises them the OpenTelemetry way (input includes cache
/// reads and writes, output includes reasoning).
/// </summary>
internal static class GenAiUsageReader
{
    /// <summary>The usage and how many usage attributes the span carried (its richness), or null when it carries no input or output count.</summary>
    public static (TokenUsage Usage, int Detail)? Read(IReadOnlyDictionary<string, TelemetryValue> attributes, string? provider, EventLimits limits, EventIssues issues)
    {
        var input = First(attributes, limits, issues, InputTokens, PromptTokens, OpenInferencePromptTokens);
        var output = First(attributes, limits, issues, OutputTokens, CompletionTokens, OpenInferenceCompletionTokens);
        var specCacheRead = First(attributes, limits, issues, CacheReadTokens, OpenInferenceCacheReadTokens);
        var openLlmetryCacheRead = First(attributes, limits, issues, OpenLlmetryCacheReadTokens);
        var specCacheWrite = First(attributes, limits, issues, CacheWriteTokens, CacheCreationTokens, OpenInferenceCacheWriteTokens);
        var openLlmetryCacheWrite = First(attributes, limits, issues, OpenLlmetryCacheCreationTokens);
        var reasoning = First(attributes, limits, issues, ReasoningTokens, OpenLlmetryReasoningTokens, OpenLlmetryLegacyReasoningTokens, OpenInferenceReasoningTokens);
        if (input is null && output is null)
        {
            return null;
        }

        var cacheRead = specCacheRead ?? openLlmetryCacheRead ?? 0;
        var cacheWrite = specCacheWrite ?? openLlmetryCacheWrite ?? 0;
        var totalInput = input ?? 0;
        var totalOutput = output ?? 0;

        // OpenLLMetry's Anthropic instrumentation copies Anthropic's raw usage, whose input_tokens excludes the cache
        // (its underscore cache names give it away); any other span whose cache counts exceed its input did the same.
        var anthropicRaw = provider == Providers.ProviderNames.Anthropic
            && specCacheRead is null && specCacheWrite is null
            && (openLlmetryCacheRead is not null || openLlmetryCacheWrite is not null);
        if (anthropicRaw || cacheRead + cacheWrite > totalInput)
        {
            totalInput += cacheRead + cacheWrite;
        }

        var reasoningCount = reasoning ?? 0;
        if (reasoningCount > totalOutput)
        {
            // Reasoning reported beside output rather than inside it (as Gemini does).
            totalOutput += reasoningCount;
        }

        if (totalInput > limits.MaxTokens || totalOutput > limits.MaxTokens)
        {
            issues.Refuse(InputTokens, string.Create(CultureInfo.InvariantCulture, $"input and output must each be at most {limits.MaxTokens} tokens"));
        }

        var detail = Present(input) + Present(output) + Present(specCacheRead ?? openLlmetryCacheRead)
            + Present(specCacheWrite ?? openLlmetryCacheWrite) + Present(reasoning);
        return (new TokenUsage(totalInput, totalOutput, cacheRead, cacheWrite, 0, reasoningCount), detail);
    }

    private static int Present(long? value) => value is null ? 0 : 1;

    private static long? First(IReadOnlyDictionary<string, TelemetryValue> attributes, EventLimits limits, EventIssues issues, params string[] names)
    {
        foreach (var name in names)
        {
            if (attributes.TryGetValue(name, out var value))
            {
                var count = Count(name, value, limits, issues);
                if (count is not null)
                {
                    return count;
                }
            }
        }

        return null;
    }

    private static long? Count(string name, TelemetryValue value, EventLimits limits, EventIssues issues)
    {
        long count;
        switch (value.Kind)
        {
            case TelemetryValueKind.Integer:
                count = value.Integer;
                break;
            case TelemetryValueKind.Double when value.Double == Math.Floor(value.Double) && Math.Abs(value.Double) <= limits.MaxTokens:
                count = (long)value.Double;
                break;
            case TelemetryValueKind.String when long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                count = parsed;
                break;
            default:
                issues.Refuse(name, "must be an integer");
                return null;
        }

        if (count == -1)
        {
            // Semantic Kernel writes -1 for "unknown".
            return null;
        }

        if (count < 0 || count > limits.MaxTokens)
        {
            issues.Refuse(name, string.Create(CultureInfo.InvariantCulture, $"must be an integer between 0 and {limits.MaxTokens}"));
            return null;
        }

        return count;
    }
}
