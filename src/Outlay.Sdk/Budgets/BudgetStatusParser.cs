using System.Text.Json;

namespace Outlay.Sdk.Budgets;

/// <summary>Turns a status answer's bytes into a snapshot; null when the body is not a status answer.</summary>
internal static class BudgetStatusParser
{
    public static BudgetSnapshot? Parse(ReadOnlySpan<byte> body, long receivedTimestamp)
    {
        BudgetStatusResponseDto? response;
        try
        {
            response = JsonSerializer.Deserialize(body, BudgetJsonContext.Default.BudgetStatusResponseDto);
        }
        catch (JsonException)
        {
            return null;
        }

        if (response?.Budgets is null)
        {
            return null;
        }

        var budgets = new List<KnownBudget>(response.Budgets.Count);
        foreach (var item in response.Budgets)
        {
            if (item is null || string.IsNullOrEmpty(item.Name))
            {
                continue;
            }

            budgets.Add(ToBudget(item, item.Name));
        }

        return new BudgetSnapshot(response.AsOf, receivedTimestamp, budgets);
    }

    private static KnownBudget ToBudget(BudgetStatusItemDto item, string name)
    {
        var scope = item.Scope ?? [];
        var filters = new List<BudgetScopeFilter>(scope.Count);
        var state = State(item.State);
        foreach (var text in scope)
        {
            if (BudgetScopeFilter.TryParse(text, out var filter))
            {
                filters.Add(filter);
            }
            else
            {
                // A scope this SDK cannot read must not silently widen or narrow the budget: its state becomes unknown,
                // which the budget's fail-open or fail-closed setting then decides.
                state = BudgetState.Unknown;
            }
        }

        return new KnownBudget(
            name,
            state,
            state == BudgetState.Unknown ? null : item.Percentage,
            scope.Where(s => s is not null).ToArray(),
            filters,
            item.Period,
            item.ResetsAt);
    }

    private static BudgetState State(string? text) => text switch
    {
        "ok" => BudgetState.Ok,
        "warning" => BudgetState.Warning,
        "exceeded" => BudgetState.Exceeded,
        _ => BudgetState.Unknown,
    };
}
