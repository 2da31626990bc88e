namespace Outlay.Sdk.Budgets;

/// <summary>A budget's state as the Outlay server last reported it.</summary>
public enum BudgetState
{
    /// <summary>Not known: no status has been received yet, the server does not list the budget, or it reported a state this SDK does not know.</summary>
    Unknown = 0,

    /// <summary>Below the budget's lowest alert threshold.</summary>
    Ok = 1,

    /// <summary>At or above the lowest alert threshold, below 100%.</summary>
    Warning = 2,

    /// <summary>At or above 100% of the budget in its current period.</summary>
    Exceeded = 3,
}
