namespace Outlay.Core.Alerts;

/// <summary>The unique key of a fired budget alert: budget, period, kind and threshold.</summary>
public sealed record BudgetAlertKey(string BudgetId, DateTimeOffset PeriodStart, BudgetAlertKind Kind, int Threshold);
