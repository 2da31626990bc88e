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
            .WithDescription("from/to: ISO-8601 instants (hour-truncated); groupBy: comma-separated dimensions "
                + "(provider, model, operation, service, environment, key_label, status, service_tier, tag.<name>); "
                + "interval: hour or day; filter: dimension=value (repeatable). Unpriced events are counted, not costed at $0.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
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
        [FromQuery] string[]? filter)
    {
        var caller = CallerKey.Get(context);
        SpendQuery query;
        try
        {
            query = SpendQueryParser.Parse(from, to, groupBy, interval, filter, time.GetUtcNow());
        }
        catch (SpendQueryException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        var result = await store.QuerySpendAsync(caller.ProjectId, query, context.RequestAborted).ConfigureAwait(false);
        return new SpendJsonResult(result, query);
    }
}
