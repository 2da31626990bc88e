namespace Outlay.Cli.Demo;

/// <summary>
/// The demo's imaginary company: three services in two environments calling five providers for a handful of
/// customers, one cache-heavy support bot, a nightly batch job, and a lab experiment on a model with no price.
/// </summary>
internal static class DemoScenario
{
    public static readonly IReadOnlyList<string> Customers = ["acme", "globex", "initech", "umbrella", "hooli", "stark"];

    // Customer weights: a few large customers drive most spend, as in real products.
    public static readonly IReadOnlyList<int> CustomerWeights = [40, 22, 14, 10, 8, 6];

    public static readonly IReadOnlyList<DemoWorkload> Workloads =
    [
        new("checkout-api", "summarize-order", "openai", "gpt-4o-mini-2024-07-18", "chat", "openai-prod-2026-03", 30, 1_200, 250, 0.45, 0, 0),
        new("checkout-api", "fraud-explain", "openai", "gpt-4o-2024-08-06", "chat", "openai-prod-2026-03", 8, 3_500, 600, 0.2, 0, 0),
        new("support-bot", "answer-ticket", "anthropic", "claude-sonnet-4-20250514", "chat", "anthropic-prod-2026-06", 18, 24_000, 700, 0.82, 0.08, 0, Cache1h: true),
        new("support-bot", "triage", "anthropic", "claude-3-5-haiku-20241022", "chat", "anthropic-prod-2026-06", 14, 2_000, 120, 0.3, 0.1, 0),
        new("support-bot", "plan-refund", "openai", "o4-mini", "chat", "openai-prod-2026-03", 4, 5_000, 2_400, 0.1, 0, 0.6),
        new("search-indexer", "embed-docs", "openai", "text-embedding-3-small", "embeddings", "openai-indexer", 22, 6_000, 0, 0, 0, 0),
        new("search-indexer", "rewrite-query", "gemini", "gemini-2.5-flash", "chat", "gemini-prod", 12, 800, 300, 0, 0, 0.5),
        new("search-indexer", "nightly-digest", "openai", "gpt-4.1-mini", "chat", "openai-batch", 5, 9_000, 1_500, 0, 0, 0, ServiceTier: "batch"),
        new("labs", "agent-experiment", "acme-ai", "acme-llm-7b-preview", "chat", "labs-sandbox", 3, 2_500, 900, 0, 0, 0, ErrorRate: 0.05),
    ];

    public static readonly IReadOnlyList<string> Environments = ["prod", "staging"];
}
