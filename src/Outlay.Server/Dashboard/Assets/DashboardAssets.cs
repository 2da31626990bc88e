using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Outlay.Server.Dashboard.Assets;

/// <summary>
/// Serves the dashboard's stylesheet, script and icon from embedded resources at <c>/assets/{name}</c>: an allow-list of
/// names, fixed content types, <c>Cache-Control: no-cache</c> with a strong ETag (so a new server version is
/// picked up at once and an unchanged file costs a 304).
/// </summary>
internal static class DashboardAssets
{
    private static readonly Dictionary<string, Asset> Files = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = Load("dashboard.css", "text/css; charset=utf-8"),
        ["dashboard.js"] = Load("dashboard.js", "text/javascript; charset=utf-8"),
        ["favicon.svg"] = Load("favicon.svg", "image/svg+xml"),
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/assets/{name}", (string name, HttpContext http) =>
            Files.TryGetValue(name, out var asset) ? Serve(asset, http) : Results.NotFound()).ExcludeFromDescription();

        // Browsers ask for /favicon.ico on their own, whatever the page links; answer it rather than log a 404 per visit.
        routes.MapGet("/favicon.ico", (HttpContext http) => Serve(Files["favicon.svg"], http)).ExcludeFromDescription();
    }

    private static IResult Serve(Asset asset, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = asset.ETag;
        var presented = http.Request.Headers.IfNoneMatch;
        if (presented.Count > 0 && presented.Any(v => v is not null && v.Split(',').Any(t => string.Equals(t.Trim(), asset.ETag, StringComparison.Ordinal))))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static Asset Load(string name, string contentType)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream("Outlay.Server.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16)) + "\"";
        return new Asset(content, contentType, etag);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
