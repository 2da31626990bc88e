using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Outlay.Core.Keys;
using Outlay.Server.Auth;

namespace Outlay.Server.Otlp;

/// <summary>Maps OTLP/HTTP ingest of GenAI spans (<c>/v1/traces</c>) and inference log records (<c>/v1/logs</c>).</summary>
internal static class OtlpEndpoints
{
    public static IEndpointRouteBuilder MapOtlpEndpoints(this IEndpointRouteBuilder routes)
    {
        // Built here, at startup, so a bad OtlpTagAttributes setting stops the server instead of failing every request.
        var handler = ActivatorUtilities.CreateInstance<OtlpHandler>(routes.ServiceProvider);
        Map(routes, "/v1/traces", "OtlpTraces", OtlpSignal.Traces, handler)
            .WithSummary("OTLP/HTTP export of GenAI spans.")
            .WithDescription("ExportTraceServiceRequest as application/x-protobuf or application/json, optionally gzip. "
                + "Only allow-listed usage, model, provider, id and timing attributes are read; content is dropped unread. "
                + "Each model call becomes one usage event; non-GenAI spans are ignored.");
        Map(routes, "/v1/logs", "OtlpLogs", OtlpSignal.Logs, handler)
            .WithSummary("OTLP/HTTP export of gen_ai.client.inference.operation.details log records.")
            .WithDescription("ExportLogsServiceRequest as application/x-protobuf or application/json, optionally gzip. "
                + "Usage attributes are kept; bodies and content attributes are never read or stored.");
        return routes;
    }

    private static RouteHandlerBuilder Map(IEndpointRouteBuilder routes, string path, string name, OtlpSignal signal, OtlpHandler handler) =>
        routes.MapPost(path, (Func<HttpContext, Task<IResult>>)(context => handler.HandleAsync(context, signal)))
            .WithName(name)
            .WithTags("OTLP")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-protobuf", additionalContentTypes: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireKey(ApiKeyKind.Ingest);
}
