namespace Outlay.Core.Reconciliation;

/// <summary>Outlay's service tiers in provider usage, and how the providers' spellings map to them.</summary>
public static class UsageTiers
{
    /// <summary>The ordinary tier (OpenAI <c>default</c>/<c>auto</c>, Anthropic <c>standard</c>).</summary>
    public const string Default = "default";

    /// <summary>The batch tier (OpenAI <c>batch: true</c>, Anthropic <c>batch</c>).</summary>
    public const string Batch = "batch";

    /// <summary>OpenAI flex processing.</summary>
    public const string Flex = "flex";

    /// <summary>Priority processing (OpenAI <c>priority</c>/<c>scale</c>, Anthropic <c>priority</c>).</summary>
    public const string Priority = "priority";

    /// <summary>A provider's tier name as one of Outlay's (empty stays empty: not grouped by tier).</summary>
    public static string Normalize(string tier, string place) =>
        tier.Trim().ToLowerInvariant() switch
        {
            "" => string.Empty,
            "default" or "auto" or "standard" => Default,
            "batch" => Batch,
            "flex" => Flex,
            "priority" or "scale" => Priority,
            _ => throw new UsageImportException($"{place} must be default, standard, batch, flex or priority."),
        };
}
