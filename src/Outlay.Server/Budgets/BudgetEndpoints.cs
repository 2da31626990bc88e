using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Budgets;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Budgets;

/// <summary>
/// Maps the budgets API, always scoped to the caller's own project: admin keys create and delete, read and admin keys
/// see definitions with their evaluation, and any key of the project (ingest included) may read the status.
/// </summary>
internal static class BudgetEndpoints
{
    /// <summary>Largest request body: 16 KiB.</summary>

    private const string BodyShape =
        "The body must be JSON {\"name\": \"...\", \"amount\": 500, \"period\": \"day|week|month|quarter|rolling\", "
        + "\"time_zone\": \"Europe/Berlin\", \"rolling\": \"24h\", \"scope\": [\"environment:prod\"], \"thresholds\": [50, 80, 100]} with no other fields.";

    public static IEndpointRouteBuilder MapBudgetEndpoints(this IEndpointRouteBuilder routes)
    {
        var budgets = routes.MapGroup("/api/v1/budgets").WithTags("Budgets");
        budgets.MapGet(string.Empty, ListAsync)
            .WithName("ListBudgets")
            .WithSummary("Budgets of the key's project with spend, percentage, state and forecast for the current period.")
            .Produces<BudgetListResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        budgets.MapGet("/status", StatusAsync)
            .WithName("BudgetStatus")
            .WithSummary("Name, state (ok, warning, exceeded), percentage, scope filters, period and reset instant of each budget of the key's project; no amounts.")
            .Produces<BudgetStatusResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Ingest, ApiKeyKind.Read, ApiKeyKind.Admin);
        budgets.MapGet("/{id}", GetAsync)
            .WithName("GetBudget")
            .WithSummary("One budget of the key's project with its current evaluation.")
            .Produces<BudgetItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        budgets.MapPost(string.Empty, CreateAsync)
            .WithName("CreateBudget")
            .WithSummary("Create a budget in the admin key's project.")
            .WithDescription("amount: USD (number or decimal string, > 0, at most 9 decimals); period: day, week (Monday first), "
                + "month or quarter in time_zone (IANA id, default UTC), or rolling with rolling: 1h to 90d in whole hours or days; "
                + "scope: spend filters dimension:value or dimension:v1|v2, all must match (default: the whole project); "
                + "thresholds: 1 to 10 whole percentages from 1 to 1000 (default 50, 80, 100).")
            .Accepts<CreateBudgetRequest>("application/json")
            .Produces<BudgetItem>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Admin);
        budgets.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteBudget")
            .WithSummary("Delete a budget of the admin key's project.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOutlayStore store, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var now = time.GetUtcNow();
        var items = new List<BudgetItem>();
        foreach (var budget in await store.ListBudgetsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false))
        {
            items.Add(BudgetItems.From(await BudgetEvaluator.EvaluateAsync(store, budget, now, context.RequestAborted).ConfigureAwait(false)));
        }

        return TypedResults.Ok(new BudgetListResponse(items));
    }

    private static async Task<IResult> StatusAsync(HttpContext context, IOutlayStore store, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var now = time.GetUtcNow();
        var items = new List<BudgetStatusItem>();
        foreach (var budget in await store.ListBudgetsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false))
        {
            // The status never shows a forecast, so only the spend is read: one query per budget.
            var evaluation = await BudgetEvaluator.EvaluateAsync(store, budget, now, includeForecast: false, ct: context.RequestAborted).ConfigureAwait(false);
            items.Add(BudgetStatusItem.From(evaluation));
        }

        return TypedResults.Ok(new BudgetStatusResponse(now, items));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IOutlayStore store, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var budget = id.Length <= BudgetIds.MaxLength
            ? await store.GetBudgetAsync(caller.ProjectId, id, context.RequestAborted).ConfigureAwait(false)
            : null;

        // Another project's budget answers exactly like a missing one.
        if (budget is null)
        {
            return ApiProblems.NotFound("No such budget in this project.");
        }

        var evaluation = await BudgetEvaluator.EvaluateAsync(store, budget, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(BudgetItems.From(evaluation));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IOutlayStore store, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var (request, problem) = await JsonRequestBody.ReadAsync(context, ServerJsonContext.Default.CreateBudgetRequest, BodyShape).ConfigureAwait(false);
        if (request is null)
        {
            return problem!; // ReadAsync returns exactly one of the two.
        }

        string? amount;
        switch (request.Amount)
        {
            case null:
                amount = null;
                break;
            case { ValueKind: JsonValueKind.Number } number:
                amount = number.GetRawText();
                break;
            case { ValueKind: JsonValueKind.String } text:
                amount = text.GetString();
                break;
            default:
                return ApiProblems.BadRequest("amount: USD as a number or a decimal string such as \"12.50\".");
        }

        var now = time.GetUtcNow();
        BudgetDefinition budget;
        try
        {
            var draft = new BudgetDraft(request.Name, amount, request.Period, request.TimeZone, request.Rolling, request.Scope, request.Thresholds);
            budget = BudgetParser.Parse(draft, BudgetIds.New(), caller.ProjectId, now);
        }
        catch (BudgetValidationException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        var existing = await store.ListBudgetsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        if (BudgetQuota.RefusalFor(existing.Count) is { } refusal)
        {
            return ApiProblems.BadRequest("A" + refusal[1..]);
        }

        await store.AddBudgetAsync(budget, context.RequestAborted).ConfigureAwait(false);
        var evaluation = await BudgetEvaluator.EvaluateAsync(store, budget, now, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/budgets/{budget.Id}", BudgetItems.From(evaluation));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var deleted = id.Length <= BudgetIds.MaxLength
            && await store.DeleteBudgetAsync(caller.ProjectId, id, context.RequestAborted).ConfigureAwait(false);
        return deleted ? TypedResults.NoContent() : ApiProblems.NotFound("No such budget in this project.");
    }
}
