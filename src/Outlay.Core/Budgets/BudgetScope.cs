using Outlay.Core.Querying;

namespace Outlay.Core.Budgets;

/// <summary>A budget's scope in the text form spend filters use (<c>dimension:value</c> or <c>dimension:v1|v2</c>).</summary>
public static class BudgetScope
{
    // Any instant works: only the filters of the parsed query are kept.
    private static readonly DateTimeOffset AnyNow = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Parses scope filters with exactly the rules of <see cref="SpendQueryParser"/> (at most
    /// <see cref="SpendQueryParser.MaxFilters"/>), so a budget counts what the same filters show in a report.
    /// </summary>
    /// <exception cref="BudgetValidationException">Naming <c>scope</c>.</exception>
    public static IReadOnlyList<SpendFilter> Parse(IReadOnlyList<string>? scope)
    {
        if (scope is null || scope.Count == 0)
        {
            return [];
        }

        try
        {
            return SpendQueryParser.Parse(null, null, null, null, scope, AnyNow).Filters;
        }
        catch (SpendQueryException e)
        {
            var problem = e.Message.StartsWith(e.Parameter + ": ", StringComparison.Ordinal) ? e.Message[(e.Parameter.Length + 2)..] : e.Message;
            throw new BudgetValidationException("scope", problem);
        }
    }

    /// <summary>One filter as text, the inverse of <see cref="Parse"/>: <c>tag.customer:acme|globex</c>.</summary>
    public static string Format(SpendFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Dimension.Name + ":" + string.Join('|', filter.Values);
    }

    /// <summary>Every filter as text.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<SpendFilter> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Select(Format).ToList();
    }
}
