namespace Outlay.Cli.Demo;

/// <summary>
/// One kind of call a demo application makes: which service and feature, which model, how many tokens
/// (a typical size with spread), how cache-heavy, and how often relative to the other workloads.
/// </summary>
internal sealed record DemoWorkload(
    string Service,
    string Feature,
    string Provider,
    string Model,
    string Operation,
    string KeyLabel,
    int Weight,
    int TypicalInputTokens,
    int TypicalOutputTokens,
    double CacheReadShare,
    double CacheWriteShare,
    double ReasoningShare,
    string ServiceTier = "default",
    double ErrorRate = 0.01,
    bool Cache1h = false);
