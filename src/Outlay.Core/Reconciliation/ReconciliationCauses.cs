namespace Outlay.Core.Reconciliation;

/// <summary>The likely cause a reconciliation row gives for its gap. Stable identifiers (API, CLI and dashboard).</summary>
public static class ReconciliationCauses
{
    /// <summary>Provider and tracked tokens agree within the tolerance, cache reads too, every event priced.</summary>
    public const string Match = "match";

    /// <summary>The provider's key or project id has no key-label mapping, so it cannot be compared.</summary>
    public const string UnmappedKey = "unmapped_key";

    /// <summary>The provider reports usage on a mapped key with no tracked events at all.</summary>
    public const string UntrackedKey = "untracked_key";

    /// <summary>The provider reports more than was tracked: calls made by code that does not report to Outlay.</summary>
    public const string UninstrumentedCode = "uninstrumented_code";

    /// <summary>The provider reports batch-tier usage and no batch usage was tracked.</summary>
    public const string BatchNotTracked = "batch_not_tracked";

    /// <summary>Tokens agree but tracked events of the model are unpriced, so the tracked cost is short.</summary>
    public const string UnpricedModel = "unpriced_model";

    /// <summary>Tokens agree but cache reads differ: the instrumentation does not report cached tokens.</summary>
    public const string CacheNotReported = "cache_not_reported";

    /// <summary>More tracked than the provider reports: instrumentation counting twice, or a wrong mapping.</summary>
    public const string TrackedExceedsProvider = "tracked_exceeds_provider";
}
