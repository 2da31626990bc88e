using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Reconciliation;

/// <summary>Maps <c>GET /api/v1/reconciliation</c>: provider-reported against tracked usage (read or admin keys, own project).</summary>
internal static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/reconciliation", ReportAsync)
            .WithName("ReconciliationReport")
            .WithTags("Reconciliation")
            .WithSummary("Provider-reported vs tracked tokens and cost per UTC day × provider × model × key, with the gap and its likely cause.")
            .WithDescription("from/to: ISO dates or date-times, or a duration back from now (7d); default the last 7 days, widened to whole UTC days, at most 400 days. "
                + "cause: match, unmapped_key, untracked_key, uninstrumented_code, batch_not_tracked, unpriced_model, cache_not_reported, tracked_exceeds_provider.")
            .Produces<ReconciliationReportResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> ReportAsync(HttpContext context, IOutlayStore store, TimeProvider time, string? from, string? to)
    {
        var caller = CallerKey.Get(context);
        var now = time.GetUtcNow();
        DateTimeOffset start, end;
        try
        {
            (start, end) = ReconciliationRange.Parse(from, to, now);
        }
        catch (SpendQueryException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        var report = await ReconciliationReports.BuildAsync(store, caller.ProjectId, start, end, now, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(report, ReconciliationJsonContext.Default.ReconciliationReportResponse);
    }
}
