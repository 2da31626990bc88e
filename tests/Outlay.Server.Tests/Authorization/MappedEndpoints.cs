using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Outlay.Server.Tests.Authorization;

/// <summary>Every endpoint the running app routes to, as "METHOD /route/pattern" (one entry per method).</summary>
internal static class MappedEndpoints
{
    public static IReadOnlyList<string> Read(OutlayServerApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => method + " " + Normalize(e.RoutePattern.RawText)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    // A group's own route (an empty child pattern) shows as "/api/v1/x/"; it is matched, and written, without the slash.
    private static string Normalize(string? raw)
    {
        var path = string.IsNullOrEmpty(raw) ? "/" : raw.StartsWith('/') ? raw : "/" + raw;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
