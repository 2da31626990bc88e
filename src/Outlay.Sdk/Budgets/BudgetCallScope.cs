namespace Outlay.Sdk.Budgets;

/// <summary>
/// What a call the application is about to make would be recorded as, so <see cref="OutlayBudgets"/> can tell which
/// budgets would count it. Null values mean "not set", exactly as in a <see cref="UsageEvent"/>.
/// </summary>
public sealed class BudgetCallScope
{
    /// <summary>The provider, e.g. <c>openai</c>; compared lower-cased, as the server stores it. Default <see langword="null"/>.</summary>
    public string? Provider { get; set; }

    /// <summary>The model, e.g. <c>gpt-4o-mini</c>; compared exactly. Default <see langword="null"/>.</summary>
    public string? Model { get; set; }

    /// <summary>The operation (<c>chat</c>, <c>embeddings</c>, …). Default <see langword="null"/>: <c>chat</c>, as the server assumes.</summary>
    public string? Operation { get; set; }

    /// <summary>The service. Default <see langword="null"/>: the client's <see cref="OutlayClientOptions.Service"/>, as for events.</summary>
    public string? Service { get; set; }

    /// <summary>The environment. Default <see langword="null"/>: the client's <see cref="OutlayClientOptions.Environment"/>, as for events.</summary>
    public string? Environment { get; set; }

    /// <summary>The label of the provider credential (never the credential). Default <see langword="null"/> (not set).</summary>
    public string? KeyLabel { get; set; }

    /// <summary>The service tier. Default <see langword="null"/>: <c>default</c>, as the server assumes.</summary>
    public string? ServiceTier { get; set; }

    /// <summary>The call's tags. Default <see langword="null"/> (none).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; set; }
}
