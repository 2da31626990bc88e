using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Server.Auth;

namespace Outlay.Server.Background;

/// <summary>Maps <c>GET /api/v1/jobs/runner</c> (admin key): whether the answering process is its store's job runner.</summary>
internal static class JobRunnerEndpoints
{
    public static IEndpointRouteBuilder MapJobRunnerEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/jobs/runner", (JobRunner runner) => TypedResults.Ok(runner.Status()))
            .WithName("GetJobRunner")
            .WithTags("Jobs")
            .WithSummary("Whether this server process holds the store's background-jobs lock (runs detection, reconciliation and budget passes), since when, and its pass counts.")
            .Produces<JobRunnerResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Admin);
        return routes;
    }
}
