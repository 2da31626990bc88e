using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Outlay.Server.Dashboard;

/// <summary>
/// Maps the browser dashboard: sign-in and assets are public; every other page sits in a group that requires a
/// dashboard session (and, for state changes, a CSRF token).
/// </summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        // SKELETON: the session work adds the sign-in pages, assets, the session filter and the pages below.
        return routes;
    }
}
