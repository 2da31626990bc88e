namespace Outlay.Server.BrowserTests.Support;

/// <summary>
/// The demo-like history the browser tests read: three services, six models of two priced providers and one
/// unpriced model, features, customers and key labels. A second project gets data with names that must never
/// appear on the first project's pages.
/// </summary>
internal static class SeedData
{
    public const string UnpricedModel = "acme-llm-7b-preview";

    public static readonly IReadOnlyList<string> Customers = ["acme", "globex", "initech"];

    public static readonly IReadOnlyList<SeedWorkload> Workloads =
    [
        new("checkout-api", "summarize-order", "openai", "gpt-4o-mini-2024-07-18", "chat", "openai-prod", 1_200, 250, 400),
        new("checkout-api", "fraud-explain", "openai", "gpt-4o-2024-08-06", "chat", "openai-prod", 3_500, 600, 0),
        new("support-bot", "answer-ticket", "anthropic", "claude-sonnet-4-20250514", "chat", "anthropic-prod", 24_000, 700, 18_000),
        new("support-bot", "triage", "anthropic", "claude-3-5-haiku-20241022", "chat", "anthropic-prod", 2_000, 120, 0),
        new("search-indexer", "embed-docs", "openai", "text-embedding-3-small", "embeddings", "openai-indexer", 6_000, 0, 0),
        new("search-indexer", "nightly-digest", "openai", "gpt-4.1-mini", "chat", "openai-batch", 9_000, 1_500, 0),
        new("search-indexer", "labs-experiment", "acme-ai", UnpricedModel, "chat", "labs-sandbox", 2_500, 900, 0),
    ];

    /// <summary>The foreign project's one workload: every name in it is unique to it, so a leak is visible in page text.</summary>
    public static readonly SeedWorkload Foreign =
        new("zz-foreign-service", "zz-foreign-feature", "openai", "gpt-4o-2024-08-06", "chat", "zz-foreign-label", 900_000, 90_000, 0);

    public const string ForeignCustomer = "zz-foreign-customer";
}
