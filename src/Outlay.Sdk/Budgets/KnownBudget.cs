namespace Outlay.Sdk.Budgets;

/// <summary>One budget of a received status answer, with its scope parsed for matching.</summary>
internal sealed class KnownBudget
{
    public KnownBudget(string name, BudgetState state, decimal? percentage, IReadOnlyList<string> scope, IReadOnlyList<BudgetScopeFilter> filters, string? period, DateTimeOffset? resetsAt)
    {
        Name = name;
        State = state;
        Percentage = percentage;
        Scope = scope;
        Filters = filters;
        Period = period;
        ResetsAt = resetsAt;
    }

    public string Name { get; }

    public BudgetState State { get; }

    public decimal? Percentage { get; }

    public IReadOnlyList<string> Scope { get; }

    /// <summary>All must match; none means the whole project.</summary>
    public IReadOnlyList<BudgetScopeFilter> Filters { get; }

    public string? Period { get; }

    public DateTimeOffset? ResetsAt { get; }

    public bool Matches(BudgetCallScope call, string? defaultService, string? defaultEnvironment)
    {
        foreach (var filter in Filters)
        {
            if (!filter.Matches(call, defaultService, defaultEnvironment))
            {
                return false;
            }
        }

        return true;
    }
}
