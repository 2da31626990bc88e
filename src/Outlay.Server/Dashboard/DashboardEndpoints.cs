using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Dashboard.Assets;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard;

/// <summary>
/// Maps the browser dashboard: sign-in and assets are public; every other page sits in a group that requires a
/// dashboard session (and, for state changes, a same-origin request with the session's CSRF token).
/// </summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        var services = routes.ServiceProvider;
        var options = services.GetRequiredService<OutlayServerOptions>();
        var time = services.GetRequiredService<TimeProvider>();
        var sessions = new DashboardSessions(services.GetRequiredService<IOutlayStore>(), time, options.DashboardSessionLifetime);
        var limiter = new SignInRateLimiter(options.DashboardSignInFailuresPerMinute, time);

        DashboardAssets.Map(routes);
        SignInEndpoints.MapPublic(routes, sessions, services.GetRequiredService<ApiKeyAuthenticator>(), limiter);

        var signedIn = routes.MapGroup(string.Empty)
            .ExcludeFromDescription()
            .AddEndpointFilter(new DashboardSessionFilter(sessions));
        SignInEndpoints.MapSignedIn(signedIn, sessions);

        // Pages: each maps its own routes inside the signed-in group.
        Overview.OverviewPage.Map(signedIn);
        Explore.ExplorePage.Map(signedIn);
        Models.ModelsPage.Map(signedIn);
        Keys.KeysPage.Map(signedIn);
        Budgets.BudgetsPage.Map(signedIn);
        Alerts.AlertsPage.Map(signedIn);
        Security.SecurityPage.Map(signedIn);
        return routes;
    }
}
