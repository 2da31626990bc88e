namespace Outlay.LoadTest.Dashboard;

/// <summary>A model the synthetic workload calls, with the token ranges its calls use.</summary>
internal sealed record SyntheticModel(
    string Provider,
    string Model,
    string Operation,
    int MinInput,
    int MaxInput,
    int MinOutput,
    int MaxOutput,
    bool PromptCaching,
    bool HasBatchPrice);
