namespace Outlay.Core.Budgets;

/// <summary>A budget field that cannot be accepted; the message starts with the field's name and never repeats its value.</summary>
public sealed class BudgetValidationException : Exception
{
    public BudgetValidationException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    public BudgetValidationException()
    {
        Field = string.Empty;
    }

    public BudgetValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    /// <summary>The field at fault: <c>name</c>, <c>amount</c>, <c>period</c>, <c>time_zone</c>, <c>rolling</c>, <c>scope</c> or <c>thresholds</c>.</summary>
    public string Field { get; }
}
