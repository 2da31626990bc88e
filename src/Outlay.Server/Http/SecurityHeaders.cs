using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Outlay.Server.Dashboard.Layout;

namespace Outlay.Server.Http;

/// <summary>
/// Headers on every response. The API only serves JSON, so browsers are told not to sniff, render, frame, cache or
/// leak referrers for any of it. Dashboard HTML gets a content policy that allows only this server's own stylesheet,
/// script and images (no inline code), plus cross-origin isolation headers and a <c>Server-Timing</c> render time.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The dashboard's policy: same-origin files only, no inline script or style, no framing, no foreign form targets.</summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            RenderTimer.MarkStart(context);
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";

                // Dashboard assets set their own revalidation policy; everything else is never stored.
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                if (http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }

                var contentType = http.Response.ContentType;
                if (contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = DashboardContentSecurityPolicy;
                    headers["Cross-Origin-Opener-Policy"] = "same-origin";
                    headers["Cross-Origin-Resource-Policy"] = "same-origin";
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                    headers["Server-Timing"] = RenderTimer.ServerTimingValue(http);
                }
                else
                {
                    headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
                    if (http.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) || http.Request.Path == "/favicon.ico")
                    {
                        headers["Cross-Origin-Resource-Policy"] = "same-origin";
                    }
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
