using System.Text.Json.Serialization;

namespace Outlay.Server.Budgets;

/// <summary>What any key of the project may know of a budget: its name, state and percentage; never an amount or scope.</summary>
internal sealed record BudgetStatusItem(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("percentage")] decimal Percentage);
