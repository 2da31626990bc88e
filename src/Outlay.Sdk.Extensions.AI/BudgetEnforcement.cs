namespace Outlay.Sdk.Extensions.AI;

/// <summary>What the Outlay middleware does before a call when a budget that would count it is exceeded.</summary>
public enum BudgetEnforcement
{
    /// <summary>Nothing: budgets are never consulted and cost nothing. The default.</summary>
    Off = 0,

    /// <summary>Throw <see cref="Outlay.Sdk.Budgets.BudgetExceededException"/> instead of calling the provider.</summary>
    Throw = 1,

    /// <summary>Ask <see cref="OutlayBudgetPolicy.OnExceeded"/>; it allows the call or refuses it (the exception is then thrown).</summary>
    Callback = 2,
}
