using System.Globalization;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Budgets;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Budgets;

/// <summary>The add-budget form for admin sessions, refilled with the previous post after an error.</summary>
internal static class BudgetAddForm
{
    private static readonly string[] Periods = ["month", "day", "week", "quarter", "rolling"];

    public static void Write(HtmlBuilder body, DashboardContext caller, BudgetValidationException? error, IFormCollection? previous)
    {
        // A refused form is shown again with what was typed, except a credential-shaped value: an answer never repeats one.
        string? Previous(string name) => previous is null ? null : DashboardForm.Field(previous, name, BudgetFormReader.MaxFieldLength) is { } typed && Core.Security.SecretDetector.DetectFormat(typed) is null ? typed : null;
        var period = Previous("period") ?? "month";

        body.Open("section", ("class", "panel"))
            .Element("h2", "Add a budget");
        if (error is not null)
        {
            body.Element("p", error.Message, ("class", "form-error"), ("role", "alert"), ("data-testid", "budget-error"), ("data-field", error.Field));
        }

        body.Open("form", ("method", "post"), ("action", "/budgets"), ("data-testid", "add-budget-form"))
            .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
            .Open("div", ("class", "form-grid"));
        TextField(body, "name", "Name", null, Previous("name"), BudgetParser.MaxNameLength, "Production LLM spend");
        TextField(body, "amount", "Amount (USD per period)", null, Previous("amount"), 32, "500");

        body.Open("div", ("class", "field"))
            .Element("label", "Period", ("for", "budget-period"))
            .Open("select", ("id", "budget-period"), ("name", "period"), ("data-testid", "budget-period-select"));
        foreach (var choice in Periods)
        {
            body.Element("option", choice, ("value", choice), ("selected", choice == period ? string.Empty : null));
        }

        body.Close("select").Close("div");
        TextField(body, "rolling", "Rolling window", "(rolling only: 24h, 7d)", Previous("rolling"), 8, "24h");
        TextField(body, "time_zone", "Time zone", "(calendar periods; IANA id)", Previous("time_zone") ?? caller.TimeZone.Id, 64, "Europe/Berlin", "budget-zones");
        body.Open("datalist", ("id", "budget-zones"));
        foreach (var zone in TimeZoneChoices.Common)
        {
            body.Void("option", ("value", zone));
        }

        body.Close("datalist");
        TextField(body, "thresholds", "Thresholds", "(percent, comma-separated; default 50, 80, 100)", Previous("thresholds"), 64, "50, 80, 100");

        body.Open("div", ("class", "field field-wide"))
            .Open("label", ("for", "budget-scope")).Text("Scope ").Element("span", "(one dimension:value per line, all must match; empty = whole project)", ("class", "hint")).Close("label")
            .Element("textarea", Previous("scope"), ("id", "budget-scope"), ("name", "scope"), ("rows", "3"), ("maxlength", BudgetFormReader.MaxFieldLength.ToString(CultureInfo.InvariantCulture)), ("placeholder", "environment:prod\ntag.customer:acme"), ("data-testid", "budget-scope-input"))
            .Close("div")
            .Open("div", ("class", "field"))
            .Element("button", "Add budget", ("type", "submit"), ("class", "button-primary"), ("data-testid", "add-budget"))
            .Close("div")
            .Close("div")
            .Close("form")
            .Close("section");
    }

    private static void TextField(HtmlBuilder body, string name, string label, string? hint, string? value, int maxLength, string placeholder, string? list = null)
    {
        var id = "budget-" + name.Replace('_', '-');
        body.Open("div", ("class", "field"))
            .Open("label", ("for", id)).Text(label);
        if (hint is not null)
        {
            body.Text(" ").Element("span", hint, ("class", "hint"));
        }

        body.Close("label")
            .Void("input", ("type", "text"), ("id", id), ("name", name), ("maxlength", maxLength.ToString(CultureInfo.InvariantCulture)), ("placeholder", placeholder), ("value", value), ("list", list), ("data-testid", id))
            .Close("div");
    }
}
