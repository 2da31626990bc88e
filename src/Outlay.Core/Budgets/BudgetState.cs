namespace Outlay.Core.Budgets;

/// <summary>
/// Where spend stands against a budget: <see cref="Ok"/> below the lowest threshold, <see cref="Warning"/> at or above
/// the lowest threshold but below 100%, <see cref="Exceeded"/> at or above 100%; <see cref="Error"/> when the budget
/// cannot be evaluated on this server (see <see cref="BudgetEvaluation.Error"/>).
/// </summary>
public enum BudgetState
{
    Ok,
    Warning,
    Exceeded,
    Error,
}
