namespace Outlay.Core.Alerts;

/// <summary>Why a budget alert fired: spend reached a threshold, or the period's forecast reached 100%.</summary>
public enum BudgetAlertKind
{
    Threshold,
    Forecast,
}
