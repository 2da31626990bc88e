namespace Outlay.Core.Budgets;

/// <summary>
/// A budget as a person writes it (API body or CLI options), before validation by <see cref="BudgetParser"/>.
/// </summary>
/// <param name="Name">Required.</param>
/// <param name="Amount">USD as a decimal string, e.g. <c>500</c> or <c>12.50</c>.</param>
/// <param name="Period"><c>day</c>, <c>week</c>, <c>month</c>, <c>quarter</c> or <c>rolling</c>; default <c>month</c> (<c>rolling</c> when only <paramref name="Rolling"/> is given).</param>
/// <param name="TimeZone">IANA id for calendar periods; default UTC.</param>
/// <param name="Rolling">Window of a rolling budget in whole hours or days: <c>24h</c>, <c>7d</c>.</param>
/// <param name="Scope"><c>dimension:value</c> filters; default none (the whole project).</param>
/// <param name="Thresholds">Percentages; default 50, 80, 100.</param>
public sealed record BudgetDraft(
    string? Name,
    string? Amount,
    string? Period,
    string? TimeZone,
    string? Rolling,
    IReadOnlyList<string>? Scope,
    IReadOnlyList<int>? Thresholds);
