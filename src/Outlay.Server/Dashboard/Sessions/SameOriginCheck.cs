using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// Refuses a state change a browser marks as cross-site: an <c>Origin</c> other than this server's own
/// scheme://host, or <c>Sec-Fetch-Site</c> other than <c>same-origin</c>/<c>none</c>. Absent headers pass
/// (old browsers, scripts); the CSRF token still has to match.
/// </summary>
internal static class SameOriginCheck
{
    public static bool IsAllowed(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0)
        {
            if (fetchSite.Count != 1 || fetchSite[0] is not ("same-origin" or "none"))
            {
                return false;
            }
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        // Under Referrer-Policy no-referrer a browser sends "Origin: null" even for its own forms; Sec-Fetch-Site
        // (set by the browser, never by a page) then says whether the post is same-origin.
        if (origin.Count == 1 && origin[0] == "null" && fetchSite.Count == 1)
        {
            return true;
        }

        var own = request.Scheme + "://" + request.Host.Value;
        return origin.Count == 1 && string.Equals(origin[0], own, StringComparison.OrdinalIgnoreCase);
    }
}
