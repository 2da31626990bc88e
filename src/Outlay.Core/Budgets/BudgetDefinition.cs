using Outlay.Core.Querying;

namespace Outlay.Core.Budgets;

/// <summary>
/// A spend limit of one project. Every event matching all of <see cref="Scope"/> (an empty scope matches the whole
/// project) counts toward <see cref="AmountNanoUsd"/> within each <see cref="Period"/>. Build one with
/// <see cref="BudgetParser"/>, which enforces the limits.
/// </summary>
/// <param name="Id">Opaque id, unique across projects.</param>
/// <param name="ProjectId">The owning project.</param>
/// <param name="Name">1–100 characters, no control characters.</param>
/// <param name="Scope">Filters as in spend queries (<c>environment:prod</c>, <c>tag.customer:acme|globex</c>); all must match.</param>
/// <param name="AmountNanoUsd">The limit per period in nano-dollars; greater than zero.</param>
/// <param name="Period">Calendar unit in a zone, or a rolling window.</param>
/// <param name="Thresholds">Alert thresholds in percent, ascending, distinct, 1–1000 each, at most 10; default 50, 80, 100.</param>
/// <param name="CreatedAt">When the budget was made.</param>
public sealed record BudgetDefinition(
    string Id,
    string ProjectId,
    string Name,
    IReadOnlyList<SpendFilter> Scope,
    long AmountNanoUsd,
    BudgetPeriod Period,
    IReadOnlyList<int> Thresholds,
    DateTimeOffset CreatedAt);
