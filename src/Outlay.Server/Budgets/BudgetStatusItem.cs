using System.Text.Json.Serialization;
using Outlay.Core.Budgets;

namespace Outlay.Server.Budgets;

/// <summary>
/// What any key of the project may know of a budget: its name, state, percentage, scope and period; never an amount
/// or a spend.
/// </summary>
/// <param name="Name">The budget's name.</param>
/// <param name="State"><c>ok</c>, <c>warning</c> or <c>exceeded</c>.</param>
/// <param name="Percentage">Spent ÷ amount × 100, 2 decimals.</param>
/// <param name="Scope">
/// The budget's filters as text (<c>environment:prod</c>, <c>tag.customer:acme|globex</c>); empty for the whole project.
/// An SDK needs them to tell which of its calls a budget counts. They are safe to show to an ingest key: every value in
/// them is a value the application itself writes into its events (provider, model, service, environment, key label,
/// tags), so they tell the application nothing it does not send, and never how much was budgeted or spent.
/// </param>
/// <param name="Period"><c>day</c>, <c>week</c>, <c>month</c>, <c>quarter</c> or <c>rolling</c>.</param>
/// <param name="ResetsAt">When the current calendar period ends; null for a rolling window, which never resets at once.</param>
internal sealed record BudgetStatusItem(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("percentage")] decimal Percentage,
    [property: JsonPropertyName("scope")] IReadOnlyList<string> Scope,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("resets_at")] DateTimeOffset? ResetsAt)
{
    /// <summary>The status part of an evaluation.</summary>
    public static BudgetStatusItem From(BudgetEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var budget = evaluation.Budget;
        var rolling = budget.Period.Kind == BudgetPeriodKind.Rolling;
        return new BudgetStatusItem(
            budget.Name,
            BudgetEvaluator.StateName(evaluation.State),
            evaluation.Percentage,
            BudgetScope.Format(budget.Scope),
            budget.Period.KindName,
            rolling ? null : evaluation.Period.End);
    }
}
