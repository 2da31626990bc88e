using System.Globalization;
using Outlay.Core.Budgets;
using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Budgets;

/// <summary>One budget on the page: what it counts, how much is spent, its state, thresholds and forecast.</summary>
internal static class BudgetCard
{
    public static void Write(HtmlBuilder body, DashboardContext caller, BudgetEvaluation evaluation)
    {
        var budget = evaluation.Budget;
        var state = BudgetEvaluator.StateName(evaluation.State);
        body.Open("article", ("class", "panel budget"), ("data-testid", "budget"), ("data-budget-id", budget.Id))
            .Open("div", ("class", "budget-head"))
            .Element("h2", budget.Name, ("data-testid", "budget-name"))
            .Element("span", state, ("class", "badge " + BadgeClass(evaluation.State)), ("data-testid", "budget-state"))
            .Close("div");

        body.Open("ul", ("class", "chips"), ("aria-label", "Scope"), ("data-testid", "budget-scope"));
        if (budget.Scope.Count == 0)
        {
            body.Element("li", "whole project", ("class", "chip"));
        }

        foreach (var filter in BudgetScope.Format(budget.Scope))
        {
            body.Element("li", filter, ("class", "chip"));
        }

        body.Close("ul")
            .Element("p", BudgetPeriodLabel.Describe(budget.Period, evaluation.Period, caller.TimeZone), ("class", "muted"), ("data-testid", "budget-period"));
        if (evaluation.Error is { } error)
        {
            // Nothing can be measured: say why instead of showing a $0 that looks like a real figure.
            body.Element("p", "This budget cannot be evaluated: " + error + ". Delete it and add it again with a known zone.", ("class", "notice"), ("data-testid", "budget-evaluation-error"));
            WriteDelete(body, caller, budget);
            body.Close("article");
            return;
        }

        var percent = evaluation.Percentage.ToString("0.##", CultureInfo.InvariantCulture);
        body.Open("p", ("class", "budget-spend"))
            .Element("strong", UsdText.FormatNano(evaluation.SpentNanoUsd), ("data-testid", "budget-spent"))
            .Text(" of ")
            .Element("span", UsdText.FormatNano(budget.AmountNanoUsd), ("data-testid", "budget-amount"))
            .Text(" (" + percent + "%)")
            .Close("p");

        // A native bar: no inline style is needed, and screen readers announce it with its label.
        var barValue = Math.Min(evaluation.Percentage, 100m).ToString("0.##", CultureInfo.InvariantCulture);
        body.Element("progress", percent + "%", ("class", "budget-bar budget-bar-" + state), ("max", "100"), ("value", barValue), ("aria-label", budget.Name + ": " + percent + "% used"), ("data-testid", "budget-progress"));

        if (evaluation.UnpricedEvents > 0)
        {
            body.Element("p", UsdText.Tokens(evaluation.UnpricedEvents) + " events in scope have no price and are not costed; see Models.", ("class", "notice"));
        }

        body.Open("p", ("data-testid", "budget-thresholds"))
            .Text("Thresholds: ")
            .Text(string.Join(", ", budget.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture) + "%")))
            .Text(evaluation.ThresholdsCrossed.Count == 0
                ? " — none reached."
                : " — reached: " + string.Join(", ", evaluation.ThresholdsCrossed.Select(t => t.ToString(CultureInfo.InvariantCulture) + "%")) + ".")
            .Close("p");

        body.Open("p", ("data-testid", "budget-forecast"));
        if (evaluation.Forecast is { } forecast)
        {
            body.Text("Forecast: ")
                .Element("strong", UsdText.FormatNano(forecast.ProjectedNanoUsd))
                .Text(" by the period's end (" + (evaluation.ForecastPercentage ?? 0m).ToString("0.##", CultureInfo.InvariantCulture) + "% of budget). ");
        }

        body.Element("span", evaluation.ForecastExplanation, ("class", "muted"), ("data-testid", "budget-forecast-explanation"))
            .Close("p");

        WriteDelete(body, caller, budget);
        body.Close("article");
    }

    private static void WriteDelete(HtmlBuilder body, DashboardContext caller, BudgetDefinition budget)
    {
        if (caller.IsAdmin)
        {
            body.Open("form", ("method", "post"), ("action", "/budgets/" + budget.Id + "/delete"), ("class", "inline-form"), ("data-confirm", "Delete budget " + budget.Name + "? Its history is not kept."))
                .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
                .Element("button", "Delete", ("type", "submit"), ("class", "button-danger"), ("data-testid", "delete-budget"))
                .Close("form");
        }
    }

    private static string BadgeClass(BudgetState state) => state switch
    {
        BudgetState.Ok => "badge-ok",
        BudgetState.Warning => "badge-warn",
        _ => "badge-danger",
    };
}
