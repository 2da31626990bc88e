namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// The fixed shape of the benchmark's traffic: 12 models over 4 providers (11 priced by the built-in catalog, one
/// fine-tune without a price), 5 services with 4 features each, 3 environments, 6 key labels and 500 customers.
/// Dimensions are correlated the way real traffic is (a feature lives in one service and uses one or two models;
/// a key label belongs to a service and environment), so rollup cardinality is realistic rather than a full cross product.
/// </summary>
internal static class SyntheticWorkload
{
    /// <summary>The model every event of <c>support-chat</c>'s fallback uses; the catalog has no price for it.</summary>
    public const string UnpricedModel = "acme-support-ft-v3";

    public static readonly SyntheticModel[] Models =
    [
        new("openai", "gpt-4o", "chat", 800, 12_000, 80, 1_200, true, true),
        new("openai", "gpt-4o-mini", "chat", 300, 6_000, 40, 800, true, true),
        new("openai", "gpt-4.1", "responses", 1_000, 30_000, 100, 2_000, true, true),
        new("openai", "gpt-4.1-mini", "chat", 300, 8_000, 40, 900, true, true),
        new("openai", "text-embedding-3-small", "embeddings", 50, 4_000, 0, 0, false, true),
        new("anthropic", "claude-sonnet-4-20250514", "chat", 1_000, 40_000, 100, 2_500, true, false),
        new("anthropic", "claude-3-5-haiku-20241022", "chat", 300, 8_000, 40, 800, true, false),
        new("anthropic", "claude-opus-4-20250514", "chat", 2_000, 50_000, 200, 3_000, true, false),
        new("gemini", "gemini-2.5-flash", "chat", 400, 20_000, 50, 1_500, false, false),
        new("gemini", "gemini-2.5-pro", "chat", 1_000, 60_000, 100, 3_000, false, false),
        new("mistral", "mistral-large-latest", "chat", 500, 10_000, 60, 1_200, false, false),
        new("mistral", UnpricedModel, "chat", 300, 6_000, 40, 800, false, false),
    ];

    public static readonly string[] Services = ["checkout-api", "support-bot", "search-api", "docs-worker", "analytics-batch"];

    public static readonly string[] Environments = ["prod", "staging", "dev"];

    /// <summary>Share of traffic per environment (same order as <see cref="Environments"/>).</summary>
    public static readonly double[] EnvironmentShares = [0.85, 0.10, 0.05];

    public static readonly string[] KeyLabels = ["checkout-prod", "support-prod", "search-prod", "batch-prod", "staging-shared", "dev-laptops"];

    public static readonly SyntheticFeature[] Features =
    [
        new("checkout-assistant", 0, 5, 6, 9, false),
        new("fraud-explain", 0, 1, 3, 4, false),
        new("product-qa", 0, 1, 8, 8, false),
        new("cart-recommend", 0, 8, 1, 5, false),
        new("support-chat", 1, 5, 11, 10, false),
        new("ticket-triage", 1, 6, 1, 7, false),
        new("reply-draft", 1, 7, 5, 3, false),
        new("sentiment", 1, 3, 1, 4, false),
        new("semantic-search", 2, 4, 4, 12, false),
        new("query-rewrite", 2, 1, 8, 6, false),
        new("answer-synth", 2, 0, 9, 5, false),
        new("rerank", 2, 3, 6, 4, false),
        new("summarize", 3, 2, 5, 6, false),
        new("translate", 3, 10, 0, 3, false),
        new("doc-embed", 3, 4, 4, 5, false),
        new("extract-fields", 3, 1, 9, 3, false),
        new("nightly-report", 4, 0, 2, 1, true),
        new("classify-feedback", 4, 3, 1, 2, true),
        new("churn-notes", 4, 2, 7, 1, false),
        new("insights", 4, 9, 8, 1, false),
    ];

    public const int CustomerCount = 500;

    /// <summary>Zipf exponent of customer popularity: the top customer makes ~15% of calls, the top 10 about 40%.</summary>
    public const double CustomerSkew = 1.07;

    public static string Customer(int rank) => "cust-" + (rank + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key label a service uses in an environment: staging and dev share one key each.</summary>
    public static int KeyLabelFor(int service, int environment) => environment switch
    {
        1 => 4,
        2 => 5,
        _ => service switch
        {
            0 => 0,
            1 => 1,
            2 or 3 => 2,
            _ => 3,
        },
    };

    /// <summary>Relative traffic of one hour: a diurnal curve peaking at 14:00 UTC (×9 peak to trough) and quieter weekends.</summary>
    public static double HourWeight(DateTimeOffset hourStart)
    {
        var hour = hourStart.UtcDateTime.Hour + (hourStart.UtcDateTime.Minute / 60.0);
        var diurnal = 1.0 + (0.8 * Math.Cos(2 * Math.PI * (hour - 14) / 24));
        var weekend = hourStart.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
        return diurnal * weekend;
    }
}
