using System.Diagnostics;

namespace Outlay.Sdk.Diagnostics;

/// <summary>
/// Reads a stopped activity through the allow-list in <see cref="GenAiAttributes"/> and the configured tag mapping.
/// Never enumerates tags or events, so content attributes are never touched.
/// </summary>
internal sealed class GenAiSpanReader
{
    private const int MaxAncestorDepth = 32;
    private const int MaxTagValueLength = 128;

    private readonly SourceNameMatcher _sources;
    private readonly KeyValuePair<string, string>[] _tagAttributes;

    public GenAiSpanReader(SourceNameMatcher sources, IEnumerable<KeyValuePair<string, string>> tagAttributes)
    {
        _sources = sources;
        _tagAttributes = [.. tagAttributes];
    }

    /// <summary>The span's facts, or null when it is not an inference call (or lacks the tags to report one).</summary>
    public GenAiSpan? Read(Activity activity)
    {
        var operation = GenAiOperations.ToOutlayOperation(
            TagValues.ReadText(activity.GetTagItem(GenAiAttributes.OperationName)),
            TagValues.ReadText(activity.GetTagItem(GenAiAttributes.OpenAiApiType)));
        if (operation is null)
        {
            return null;
        }

        var provider = GenAiProviders.Normalise(
            Text(activity, GenAiAttributes.ProviderName) ?? Text(activity, GenAiAttributes.System),
            Text(activity, GenAiAttributes.ServerAddress));
        var model = Text(activity, GenAiAttributes.ResponseModel) ?? Text(activity, GenAiAttributes.RequestModel);
        var errorType = Text(activity, GenAiAttributes.ErrorType);
        return new GenAiSpan
        {
            ActivityId = activity.Id ?? string.Empty,
            WaitFor = FindInferenceAncestor(activity)?.Id,
            Provider = provider,
            Model = model,
            Operation = operation,
            ResponseId = Text(activity, GenAiAttributes.ResponseId),
            InputTokens = Count(activity, GenAiAttributes.InputTokens) ?? Count(activity, GenAiAttributes.PromptTokens),
            OutputTokens = Count(activity, GenAiAttributes.OutputTokens) ?? Count(activity, GenAiAttributes.CompletionTokens),
            CacheReadTokens = Count(activity, GenAiAttributes.CacheReadTokens),
            CacheWriteTokens = Count(activity, GenAiAttributes.CacheWriteTokens) ?? Count(activity, GenAiAttributes.CacheCreationTokens),
            ReasoningTokens = Count(activity, GenAiAttributes.ReasoningTokens),
            ServiceTier = MapServiceTier(Text(activity, GenAiAttributes.ServiceTier) ?? Text(activity, GenAiAttributes.OldServiceTier)),
            Status = MapStatus(activity.Status, errorType),
            LatencyMs = (long)activity.Duration.TotalMilliseconds,
            EndTime = new DateTimeOffset(activity.StartTimeUtc + activity.Duration, TimeSpan.Zero),
            Tags = ReadTags(activity),
        };
    }

    private static string? Text(Activity activity, string name) => TagValues.ReadText(activity.GetTagItem(name));

    private static long? Count(Activity activity, string name) => TagValues.ReadCount(activity.GetTagItem(name));

    private static string? MapStatus(ActivityStatusCode status, string? errorType)
    {
        if (errorType is not null && errorType.Contains("Cancel", StringComparison.OrdinalIgnoreCase))
        {
            return "cancelled";
        }

        return errorType is not null || status == ActivityStatusCode.Error ? "error" : null;
    }

    /// <summary>Outlay's tiers; anything else a provider reports (<c>auto</c>, <c>default</c>, <c>scale</c>) is priced as default.</summary>
    private static string? MapServiceTier(string? tier)
    {
        if (tier is null)
        {
            return null;
        }

        foreach (var known in (ReadOnlySpan<string>)["flex", "priority", "batch"])
        {
            if (tier.EndsWith(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return "default";
    }

    /// <summary>The nearest running in-process ancestor that is itself a GenAI inference span from a listened source.</summary>
    private Activity? FindInferenceAncestor(Activity activity)
    {
        var ancestor = activity.Parent;
        for (var depth = 0; ancestor is not null && depth < MaxAncestorDepth; depth++, ancestor = ancestor.Parent)
        {
            if (_sources.Matches(ancestor.Source.Name)
                && GenAiOperations.ToOutlayOperation(TagValues.ReadText(ancestor.GetTagItem(GenAiAttributes.OperationName)), null) is not null)
            {
                return ancestor;
            }
        }

        return null;
    }

    private Dictionary<string, string>? ReadTags(Activity activity)
    {
        if (_tagAttributes.Length == 0)
        {
            return null;
        }

        Dictionary<string, string>? tags = null;
        foreach (var (attribute, outlayKey) in _tagAttributes)
        {
            var value = TagValues.ReadText(activity.GetTagItem(attribute)) ?? TagValues.ReadText(activity.GetBaggageItem(attribute));
            if (value is null)
            {
                continue;
            }

            tags ??= new Dictionary<string, string>(StringComparer.Ordinal);
            tags[outlayKey] = value.Length > MaxTagValueLength ? value[..MaxTagValueLength] : value;
        }

        return tags;
    }
}
