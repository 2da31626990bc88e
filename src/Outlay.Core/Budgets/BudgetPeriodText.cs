namespace Outlay.Core.Budgets;

/// <summary>The text names of <see cref="BudgetPeriodKind"/> values, shared by the API, the CLI and storage.</summary>
public static class BudgetPeriodText
{
    public static string Format(BudgetPeriodKind kind) => kind switch
    {
        BudgetPeriodKind.Day => "day",
        BudgetPeriodKind.Week => "week",
        BudgetPeriodKind.Month => "month",
        BudgetPeriodKind.Quarter => "quarter",
        _ => "rolling",
    };

    public static bool TryParse(string? text, out BudgetPeriodKind kind)
    {
        switch (text?.Trim())
        {
            case "day": kind = BudgetPeriodKind.Day; return true;
            case "week": kind = BudgetPeriodKind.Week; return true;
            case "month": kind = BudgetPeriodKind.Month; return true;
            case "quarter": kind = BudgetPeriodKind.Quarter; return true;
            case "rolling": kind = BudgetPeriodKind.Rolling; return true;
            default: kind = default; return false;
        }
    }
}
