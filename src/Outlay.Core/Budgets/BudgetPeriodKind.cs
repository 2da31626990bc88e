namespace Outlay.Core.Budgets;

/// <summary>How a budget's period is measured: a calendar unit in the budget's time zone, or a rolling window.</summary>
public enum BudgetPeriodKind
{
    Day,
    Week,
    Month,
    Quarter,
    Rolling,
}
