using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Server.Auth;

namespace Outlay.Server.Ingest;

/// <summary>Maps the v1 event ingest endpoint.</summary>
internal static class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/events", static (HttpContext context, IngestHandler handler) => handler.HandleAsync(context))
            .WithName("IngestEvents")
            .WithTags("Ingest")
            .WithSummary("Send a batch of usage events.")
            .WithDescription("Body {\"events\": [...]} as in wire contract v1, optionally gzip (Content-Encoding: gzip). "
                + "Valid events are priced and stored even when others are refused; duplicate ids are acknowledged once. "
                + "The answer is sent only after the events are durably stored.")
            .Produces<IngestResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireKey(ApiKeyKind.Ingest);
        return routes;
    }
}
