using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Prices;

/// <summary>
/// Maps <c>POST /api/v1/prices/reprice</c>: an admin prices the stored events of their own project again with the
/// server's configured calculator, after correcting a price, so reports and budgets show the corrected cost.
/// </summary>
internal static class PriceEndpoints
{
    /// <summary>Longest provider or model filter: 256 characters.</summary>
    public const int MaxNameLength = 256;

    private const string BodyShape =
        "The body must be JSON {\"from\": \"2026-11-01\", \"to\": \"2026-11-23\", \"provider\": \"openai\", \"model\": \"gpt-4o\", \"dry_run\": false} "
        + "with no other fields; from is required.";

    public static IEndpointRouteBuilder MapPriceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/prices/reprice", RepriceAsync)
            .WithName("RepricePrices")
            .WithTags("Prices")
            .WithSummary("Price the project's stored events in a range again with the server's current prices.")
            .WithDescription("from (required) and to (default now): ISO dates or date-times (UTC unless an offset is given) or a duration "
                + "back from now (7d), widened to whole hours, at most 400 days apart; provider and model: only events with these values "
                + "as stored; dry_run: count without writing. Exact and idempotent (a second run changes nothing); runs in transactions "
                + "of 5,000 events, so ingest continues. A range too large for the request timeout is cut short: run it again (or use "
                + "outlay prices reprice) to finish.")
            .Accepts<RepriceApiRequest>("application/json")
            .Produces<RepriceResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> RepriceAsync(HttpContext context, IOutlayStore store, CostCalculator calculator, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var (body, problem) = await JsonRequestBody.ReadAsync(context, ServerJsonContext.Default.RepriceApiRequest, BodyShape).ConfigureAwait(false);
        if (body is null)
        {
            return problem!; // ReadAsync returns exactly one of the two.
        }

        if (string.IsNullOrWhiteSpace(body.From))
        {
            return ApiProblems.BadRequest("from: required, e.g. \"2026-11-01\" or \"30d\".");
        }

        if (!ValidName(body.Provider) || !ValidName(body.Model))
        {
            return ApiProblems.BadRequest($"provider and model: 1 to {MaxNameLength} characters without control characters.");
        }

        SpendQuery range;
        try
        {
            range = SpendQueryParser.Parse(body.From, body.To, null, null, null, time.GetUtcNow());
        }
        catch (SpendQueryException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        var request = new RepriceRequest(caller.ProjectId, range.From, range.To, body.Provider, body.Model, body.DryRun ?? false);
        var result = await store.RepriceAsync(request, Repricing.With(calculator), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new RepriceResponse(
            request.From,
            request.To,
            request.DryRun,
            result.Examined,
            result.Changed,
            result.StillUnpriced,
            NanoUsd.ToUsd(result.CostBeforeNanoUsd),
            NanoUsd.ToUsd(result.CostAfterNanoUsd),
            NanoUsd.ToUsd(result.CostChangeNanoUsd),
            result.CostBeforeNanoUsd,
            result.CostAfterNanoUsd));
    }

    private static bool ValidName(string? value) =>
        value is null || (value.Length is > 0 and <= MaxNameLength && !value.Any(char.IsControl));
}
