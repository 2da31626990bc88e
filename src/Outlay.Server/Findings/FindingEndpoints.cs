using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;

namespace Outlay.Server.Findings;

/// <summary>Maps the security findings list (read or admin keys, own project only).</summary>
internal static class FindingEndpoints
{
    public static IEndpointRouteBuilder MapFindingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/findings", ListAsync)
            .WithName("ListFindings")
            .WithTags("Security")
            .WithSummary("Security findings of the key's project, e.g. credentials refused at ingest (never their values).")
            .Produces<FindingListResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<Ok<FindingListResponse>> ListAsync(HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var findings = await store.ListSecurityFindingsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        var items = findings
            .Select(f => new FindingItem(f.Id, f.Kind, f.Detail, f.Service, f.Environment, f.KeyId, f.At))
            .ToList();
        return TypedResults.Ok(new FindingListResponse(items));
    }
}
