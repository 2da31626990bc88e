using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Budgets;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay budgets add|list|show|remove</c>: manages budgets offline against the store, with the same validation
/// and the same evaluation (spend, percentage, state, forecast) as the server's budgets API.
/// </summary>
internal static class BudgetsCommand
{
    public static Command Create(CliConsole console) =>
        new("budgets", "Add, list, show and remove spend budgets (per project, calendar or rolling periods).")
        {
            AddSubcommand(console),
            ListSubcommand(console),
            ShowSubcommand(console),
            RemoveSubcommand(console),
        };

    private static Command AddSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var name = new Option<string>("--name") { Description = "What the budget is for (at most 100 characters).", Required = true };
        var amount = new Option<string>("--amount") { Description = "Limit per period in USD, e.g. 500 or 12.50.", Required = true };
        var period = new Option<string?>("--period") { Description = "day, week (Monday first), month or quarter. Default: month, or rolling with --rolling." };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of calendar periods, e.g. Europe/Berlin. Default: UTC." };
        var rolling = new Option<string?>("--rolling") { Description = "A rolling window instead of a calendar period: 1h to 90d, e.g. 24h or 7d." };
        var scope = new Option<string[]>("--scope") { Description = "DIMENSION:VALUE or DIMENSION:V1|V2 (repeatable; all must match). Default: the whole project." };
        var threshold = new Option<int[]>("--threshold") { Description = "Alert threshold in percent (repeatable). Default: 50, 80, 100." };
        var command = new Command("add", "Add a budget to a project (created when it does not exist).")
        {
            store, project, name, amount, period, timeZone, rolling, scope, threshold, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectRecord = await opened.EnsureProjectAsync(parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var draft = new BudgetDraft(
                parse.GetValue(name),
                parse.GetValue(amount),
                parse.GetValue(period),
                parse.GetValue(timeZone),
                parse.GetValue(rolling),
                parse.GetValue(scope),
                parse.GetValue(threshold));
            var now = DateTimeOffset.UtcNow;
            BudgetDefinition budget;
            try
            {
                budget = BudgetParser.Parse(draft, "bud_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), projectRecord.Id, now);
            }
            catch (BudgetValidationException e)
            {
                throw new CliUsageException(OptionMessage(e));
            }

            await opened.AddBudgetAsync(budget, cancellationToken).ConfigureAwait(false);
            var evaluation = await BudgetEvaluator.EvaluateAsync(opened, budget, now, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w => WriteBudget(w, evaluation)).ConfigureAwait(false);
            }
            else
            {
                console.Human.MarkupLineInterpolated($"Added budget [bold]{budget.Id}[/] ({budget.Name}) to project [bold]{projectRecord.Name}[/].");
                WriteHuman(console, evaluation);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command ListSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var command = new Command("list", "List a project's budgets with their standing in the current period.") { store, project, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            var evaluations = new List<BudgetEvaluation>();
            foreach (var budget in await opened.ListBudgetsAsync(projectId, cancellationToken).ConfigureAwait(false))
            {
                evaluations.Add(await BudgetEvaluator.EvaluateAsync(opened, budget, now, cancellationToken).ConfigureAwait(false));
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteStartArray("budgets");
                    foreach (var evaluation in evaluations)
                    {
                        w.WriteStartObject();
                        WriteBudget(w, evaluation);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }).ConfigureAwait(false);
                return CliApplication.Success;
            }

            var table = new Table().AddColumns("id", "name", "period", "amount", "spent", "%", "state", "forecast");
            foreach (var e in evaluations)
            {
                table.AddRow(
                    Markup.Escape(e.Budget.Id),
                    Markup.Escape(e.Budget.Name),
                    Markup.Escape(PeriodText(e.Budget.Period)),
                    UsdText.FormatNano(e.Budget.AmountNanoUsd),
                    UsdText.FormatNano(e.SpentNanoUsd),
                    e.Percentage.ToString("0.##", CultureInfo.InvariantCulture),
                    BudgetEvaluator.StateName(e.State),
                    e.Forecast is { } f ? UsdText.FormatNano(f.ProjectedNanoUsd) : "-");
            }

            console.Human.Write(table);
            return CliApplication.Success;
        });
        return command;
    }

    private static Command ShowSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var id = new Argument<string>("id") { Description = "The budget id (from `outlay budgets list`)." };
        var command = new Command("show", "Show one budget: definition, spend this period, state and forecast.") { store, project, id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var budgetId = parse.GetValue(id)!;
            var budget = await opened.GetBudgetAsync(projectId, budgetId, cancellationToken).ConfigureAwait(false);
            if (budget is null)
            {
                await console.Error.WriteLineAsync($"error: no budget with id '{budgetId}' in this project.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            var evaluation = await BudgetEvaluator.EvaluateAsync(opened, budget, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w => WriteBudget(w, evaluation)).ConfigureAwait(false);
            }
            else
            {
                console.Human.MarkupLineInterpolated($"[bold]{budget.Name}[/] ({budget.Id})");
                WriteHuman(console, evaluation);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command RemoveSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var id = new Argument<string>("id") { Description = "The budget id (from `outlay budgets list`)." };
        var command = new Command("remove", "Remove a budget.") { store, project, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var budgetId = parse.GetValue(id)!;
            if (!await opened.DeleteBudgetAsync(projectId, budgetId, cancellationToken).ConfigureAwait(false))
            {
                await console.Error.WriteLineAsync($"error: no budget with id '{budgetId}' in this project.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            console.Human.MarkupLineInterpolated($"Removed budget [bold]{budgetId}[/].");
            return CliApplication.Success;
        });
        return command;
    }


    // The core names API fields; on the command line the same problem is about an option.
    private static string OptionMessage(BudgetValidationException e)
    {
        var option = e.Field switch
        {
            "time_zone" => "--time-zone",
            "thresholds" => "--threshold",
            "" => "",
            _ => "--" + e.Field,
        };
        var problem = e.Message.StartsWith(e.Field + ": ", StringComparison.Ordinal) ? e.Message[(e.Field.Length + 2)..] : e.Message;
        return option.Length == 0 ? problem : option + ": " + problem;
    }

    private static string PeriodText(BudgetPeriod period) =>
        period.Kind == BudgetPeriodKind.Rolling
            ? string.Create(CultureInfo.InvariantCulture, $"rolling {period.RollingHours}h")
            : period.KindName + " (" + period.TimeZone.Id + ")";

    private static void WriteHuman(CliConsole console, BudgetEvaluation e)
    {
        var scope = e.Budget.Scope.Count == 0 ? "the whole project" : string.Join(", ", BudgetScope.Format(e.Budget.Scope));
        var thresholds = string.Join(", ", e.Budget.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture) + "%"));
        console.Human.WriteLine($"  scope:      {scope}");
        console.Human.WriteLine($"  limit:      {UsdText.FormatNano(e.Budget.AmountNanoUsd)} per {PeriodText(e.Budget.Period)}; thresholds {thresholds}");
        console.Human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  period:     {e.Period.Start:yyyy-MM-dd HH:mm zzz} to {e.Period.End:yyyy-MM-dd HH:mm zzz}"));
        console.Human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  spent:      {UsdText.FormatNano(e.SpentNanoUsd)} ({e.Percentage:0.##}%), {BudgetEvaluator.StateName(e.State)}"));
        if (e.UnpricedEvents > 0)
        {
            console.Human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  unpriced:   {e.UnpricedEvents} events in scope have no price and are not in the total"));
        }

        if (e.Forecast is { } f)
        {
            console.Human.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  forecast:   {UsdText.FormatNano(f.ProjectedNanoUsd)} ({e.ForecastPercentage:0.##}%) by the period's end"));
        }

        console.Human.WriteLine($"  method:     {e.ForecastExplanation}");
    }

    private static void WriteBudget(System.Text.Json.Utf8JsonWriter w, BudgetEvaluation e)
    {
        var budget = e.Budget;
        w.WriteString("id", budget.Id);
        w.WriteString("name", budget.Name);
        w.WriteStartArray("scope");
        foreach (var filter in BudgetScope.Format(budget.Scope))
        {
            w.WriteStringValue(filter);
        }

        w.WriteEndArray();
        w.WriteNumber("amount_nano_usd", budget.AmountNanoUsd);
        w.WriteString("period", budget.Period.KindName);
        if (budget.Period.RollingHours is { } hours)
        {
            w.WriteNumber("rolling_hours", hours);
        }
        else
        {
            w.WriteString("time_zone", budget.Period.TimeZone.Id);
        }

        w.WriteStartArray("thresholds");
        foreach (var t in budget.Thresholds)
        {
            w.WriteNumberValue(t);
        }

        w.WriteEndArray();
        w.WriteString("period_start", e.Period.Start);
        w.WriteString("period_end", e.Period.End);
        w.WriteNumber("spent_nano_usd", e.SpentNanoUsd);
        w.WriteNumber("unpriced_events", e.UnpricedEvents);
        w.WriteNumber("percentage", e.Percentage);
        w.WriteString("state", BudgetEvaluator.StateName(e.State));
        if (e.Forecast is { } f)
        {
            w.WriteNumber("forecast_nano_usd", f.ProjectedNanoUsd);
            w.WriteNumber("forecast_percentage", e.ForecastPercentage ?? 0m);
        }
        else
        {
            w.WriteNull("forecast_nano_usd");
        }

        w.WriteString("forecast_explanation", e.ForecastExplanation);
    }
}
