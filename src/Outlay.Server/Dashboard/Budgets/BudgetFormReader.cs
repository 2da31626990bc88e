using System.Globalization;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Budgets;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Budgets;

/// <summary>
/// Turns the add-budget form into a <see cref="BudgetDraft"/> for <see cref="BudgetParser"/>. Form fields carry the
/// parser's field names (<c>name</c>, <c>amount</c>, <c>period</c>, <c>time_zone</c>, <c>rolling</c>, <c>scope</c>,
/// <c>thresholds</c>), so every error names the field the person typed into.
/// </summary>
internal static class BudgetFormReader
{
    /// <summary>Longest text accepted in one field before the parser sees it: 2,048 characters.</summary>
    public const int MaxFieldLength = 2048;

    /// <exception cref="BudgetValidationException">A field is repeated, too long, or (thresholds) not whole numbers.</exception>
    public static BudgetDraft Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var period = Field(form, "period");
        var rollingPeriod = string.Equals(period?.Trim(), "rolling", StringComparison.Ordinal);

        // The form always offers a zone (prefilled with the viewer's); a rolling window has none, so it is ignored there.
        var timeZone = rollingPeriod ? null : Field(form, "time_zone");
        var rolling = Field(form, "rolling");
        var scope = (Field(form, "scope") ?? string.Empty)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new BudgetDraft(Field(form, "name"), Field(form, "amount"), period, timeZone, rolling, scope, Thresholds(Field(form, "thresholds")));
    }

    private static List<int>? Thresholds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var thresholds = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var number = part.EndsWith('%') ? part[..^1] : part;
            if (number.Length > 4 || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            {
                throw new BudgetValidationException("thresholds", "expected whole percentages separated by commas, such as 50, 80, 100.");
            }

            thresholds.Add(percent);
        }

        return thresholds;
    }

    private static string? Field(IFormCollection form, string name)
    {
        if (form[name].Count == 0)
        {
            return null;
        }

        return DashboardForm.Field(form, name, MaxFieldLength)
            ?? throw new BudgetValidationException(name, string.Create(CultureInfo.InvariantCulture, $"give it once, at most {MaxFieldLength} characters."));
    }
}
