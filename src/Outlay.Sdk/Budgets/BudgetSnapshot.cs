namespace Outlay.Sdk.Budgets;

/// <summary>One status answer as received: immutable, so readers take it with one volatile read and no lock.</summary>
internal sealed class BudgetSnapshot
{
    public BudgetSnapshot(DateTimeOffset? serverAsOf, long receivedTimestamp, IReadOnlyList<KnownBudget> budgets)
    {
        ServerAsOf = serverAsOf;
        ReceivedTimestamp = receivedTimestamp;
        Budgets = budgets;
        var byName = new Dictionary<string, KnownBudget>(budgets.Count, StringComparer.Ordinal);
        foreach (var budget in budgets)
        {
            // Names are unique per project; should a server list one twice, the first wins.
            byName.TryAdd(budget.Name, budget);
        }

        ByName = byName;
    }

    /// <summary>The server's <c>as_of</c>.</summary>
    public DateTimeOffset? ServerAsOf { get; }

    /// <summary>The local <see cref="TimeProvider.GetTimestamp"/> when the answer arrived; staleness is measured from it, not from the server's clock.</summary>
    public long ReceivedTimestamp { get; }

    public IReadOnlyList<KnownBudget> Budgets { get; }

    public IReadOnlyDictionary<string, KnownBudget> ByName { get; }
}
