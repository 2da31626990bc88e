namespace Outlay.Core.Pricing;

/// <summary>
/// One priced model in a <see cref="PriceCatalog"/>: a provider + model, the time range the prices hold, and the
/// rates of the default service tier plus optional batch / flex / priority variants.
/// </summary>
public sealed record PriceEntry
{
    /// <summary>Stable identifier, e.g. <c>openai/gpt-4o</c>; unique within a catalog.</summary>
    public required string Id { get; init; }

    /// <summary>Canonical provider (see <see cref="ProviderNames"/>), e.g. <c>openai</c>, <c>bedrock</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The provider's model id, lower case, e.g. <c>gpt-4o-2024-08-06</c> or <c>us.anthropic.claude-sonnet-4-20250514-v1:0</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Other names of the same priced model at the same provider. Default: none.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary><c>chat</c>, <c>embedding</c>, <c>completion</c> or <c>responses</c>. Default <c>chat</c>.</summary>
    public string Mode { get; init; } = "chat";

    /// <summary>First instant the prices hold (inclusive); null = since always.</summary>
    public DateTimeOffset? EffectiveFrom { get; init; }

    /// <summary>Instant the prices stop holding (exclusive); null = still valid.</summary>
    public DateTimeOffset? EffectiveTo { get; init; }

    /// <summary>Default-tier prices; always present.</summary>
    public required TierPrices Default { get; init; }

    /// <summary>Batch variant, or null when the facts give no batch price (then batch calls are unpriced).</summary>
    public TierPrices? Batch { get; init; }

    /// <summary>Flex variant, or null when not offered (then flex calls are unpriced).</summary>
    public TierPrices? Flex { get; init; }

    /// <summary>Priority variant, or null when not offered (then priority calls are unpriced).</summary>
    public TierPrices? Priority { get; init; }

    /// <summary>Where the prices come from, e.g. <c>litellm:gpt-4o; langfuse:gpt-4o</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Why a price was corrected or derived, when it was.</summary>
    public string? Notes { get; init; }

    /// <summary>Whether the entry's prices hold at <paramref name="at"/>.</summary>
    public bool IsEffectiveAt(DateTimeOffset at) =>
        (EffectiveFrom is null || EffectiveFrom.Value <= at) && (EffectiveTo is null || at < EffectiveTo.Value);

    /// <summary>The prices of a service tier (<c>default</c>, <c>batch</c>, <c>flex</c>, <c>priority</c>), or null when not offered.</summary>
    public TierPrices? ForServiceTier(string serviceTier) => serviceTier switch
    {
        Events.ServiceTiers.Default => Default,
        Events.ServiceTiers.Batch => Batch,
        Events.ServiceTiers.Flex => Flex,
        Events.ServiceTiers.Priority => Priority,
        _ => null,
    };

    /// <summary>Writes this entry as one object of the catalog format (<c>outlay.price-catalog.v1</c>).</summary>
    public void WriteJson(System.Text.Json.Utf8JsonWriter writer) => PriceCatalogWriter.WriteEntry(writer, this);
}
