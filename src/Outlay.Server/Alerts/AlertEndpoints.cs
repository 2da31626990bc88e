using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Alerts;

/// <summary>Maps <c>GET /api/v1/alerts</c>: the caller's own project's alert history, for read and admin keys.</summary>
internal static class AlertEndpoints
{
    /// <summary>Alerts returned when <c>limit</c> is not given: 100.</summary>
    private const int DefaultLimit = 100;

    /// <summary>Largest <c>limit</c>: 1000.</summary>
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/alerts", ListAsync)
            .WithTags("Alerts")
            .WithName("ListAlerts")
            .WithSummary("Budget alerts fired in the key's project, newest first, each with its delivery state per channel; limit 1–1000, default 100.")
            .Produces<BudgetAlertListResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var limit = DefaultLimit;
        var text = context.Request.Query["limit"];
        if (text.Count > 0
            && (text.Count > 1 || !int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return ApiProblems.BadRequest($"limit must be one whole number from 1 to {MaxLimit}.");
        }

        var alerts = await store.ListBudgetAlertsAsync(caller.ProjectId, limit, context.RequestAborted).ConfigureAwait(false);
        var deliveries = await AlertDeliveries.ByAlertAsync(store, caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new BudgetAlertListResponse(alerts
            .Select(a => BudgetAlertItem.From(a, deliveries.TryGetValue(a.Key, out var d) ? d.Select(AlertDeliveryItem.From).ToList() : []))
            .ToList()));
    }
}
