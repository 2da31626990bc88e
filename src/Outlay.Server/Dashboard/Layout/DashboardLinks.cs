using Microsoft.AspNetCore.Http;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Layout;

/// <summary>Links between dashboard pages that keep the <c>tz</c> the current page was asked for.</summary>
internal static class DashboardLinks
{
    /// <summary><paramref name="path"/> (which may carry a query) plus <c>tz=</c> when the current request has one.</summary>
    public static string WithTimeZone(HttpContext http, string path)
    {
        var tz = http.Request.Query[DashboardTimeZone.QueryName];
        if (tz.Count != 1 || !DashboardTimeZone.TryFind(tz[0], out var zone))
        {
            return path;
        }

        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return path + separator + DashboardTimeZone.QueryName + "=" + Uri.EscapeDataString(zone.Id);
    }
}
