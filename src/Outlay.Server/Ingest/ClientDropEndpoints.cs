using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;

namespace Outlay.Server.Ingest;

/// <summary>
/// Maps the running totals of events that SDKs had to drop (queue full, refused, given up): lost usage must be
/// visible, or a spend report silently undercounts.
/// </summary>
internal static class ClientDropEndpoints
{
    public static IEndpointRouteBuilder MapClientDropEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/ingest/drops", GetAsync)
            .WithName("GetClientDrops")
            .WithTags("Ingest")
            .WithSummary("Events the project's SDKs reported they could not deliver, by reason, since the project began.")
            .Produces<ClientDropsResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<Ok<ClientDropsResponse>> GetAsync(HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var drops = await store.GetClientDropsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new ClientDropsResponse(drops.QueueFull, drops.RejectedByServer, drops.SendFailed));
    }
}
