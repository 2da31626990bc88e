using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Server.Dashboard.Layout;

namespace Outlay.Server.Dashboard.Placeholders;

/// <summary><c>GET /alerts</c>: a placeholder until alerting exists.</summary>
internal static class AlertsPage
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/alerts", (HttpContext http) => PlaceholderPage.Render(
            http,
            "Alerts",
            DashboardNav.Alerts,
            "Alerts will notify you (webhook or e-mail) when spend crosses a budget threshold or jumps against its usual level.",
            "They arrive with the budgets issue; no notifications are sent today."));
}
