using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Spend;

/// <summary>Maps the spend query API (read or admin keys, always scoped to the key's own project).</summary>
internal static class SpendEndpoints
{
    public static IEndpointRouteBuilder MapSpendEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/spend", QueryAsync)
            .WithName("QuerySpend")
            .WithTags("Spend")
            .WithSummary("Spend of the key's project, grouped, filtered and optionally as a time series.")
            .WithDescription("from/to: ISO-8601 dates or date-times (local to timeZone unless an offset or Z is given; "
                + "hour-truncated) or a duration back from now (30m, 24h, 7d, 4w); default: the last 7 days. "
                + "groupBy: comma-separated dimensions "
                + "(provider, model, operation, service, environment, key_label, status, service_tier, tag.<name>); "
                + "interval: hour or day; filter: dimension:value or dimension:v1|v2 (repeatable); "
                + "timeZone: IANA id such as Europe/Berlin (default UTC) — day buckets are its local days and times carry its offset; "
                + "format: json (default) or csv (RFC 4180, same rows and order). Unpriced events are counted, not costed at $0.")
            // JsonElement: the answer's schema is open (its keys are the chosen dimensions); the description lists them.
            .Produces(StatusCodes.Status200OK, typeof(System.Text.Json.JsonElement), "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> QueryAsync(
        HttpContext context,
        IOutlayStore store,
        TimeProvider time,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? groupBy,
        [FromQuery] string? interval,
        [FromQuery] string[]? filter,
        [FromQuery] string? timeZone,
        [FromQuery] string? format)
    {
        var caller = CallerKey.Get(context);
        var csv = format?.Trim() switch
        {
            null or "" or "json" => false,
            "csv" => true,
            _ => (bool?)null,
        };
        if (csv is null)
        {
            return ApiProblems.BadRequest("format: use json or csv.");
        }

        SpendQuery query;
        try
        {
            query = SpendQueryParser.Parse(from, to, groupBy, interval, filter, time.GetUtcNow(), timeZone);
        }
        catch (SpendQueryException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        var result = await SpendQueries.RunAsync(store, caller.ProjectId, query, context.RequestAborted).ConfigureAwait(false);
        return csv.Value ? new SpendCsvResult(result, query) : new SpendJsonResult(result, query);
    }
}
