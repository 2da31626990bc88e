using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Storage;

namespace Outlay.Server.Health;

/// <summary>Maps <c>GET /healthz</c>: no authentication, and nothing in it but a status word.</summary>
internal static class HealthEndpoints
{
    // Whether such a project exists does not matter: the lookup proves the store answers reads.
    private const string ProbeProjectId = "healthz-probe";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", CheckAsync)
            .WithName("Health")
            .WithTags("Health")
            .WithSummary("Liveness and store readability: 200 {\"status\":\"ok\"}, or 503 when the store cannot be read.")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> CheckAsync(HttpContext context, IOutlayStore store, ILoggerFactory loggers)
    {
        try
        {
            await store.GetProjectAsync(ProbeProjectId, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(new HealthResponse("ok"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ServerLog.HealthCheckFailed(loggers.CreateLogger(typeof(HealthEndpoints)), e.GetType().Name);
            return TypedResults.Json(new HealthResponse("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
