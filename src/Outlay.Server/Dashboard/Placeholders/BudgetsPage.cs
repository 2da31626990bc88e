using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Server.Dashboard.Layout;

namespace Outlay.Server.Dashboard.Placeholders;

/// <summary><c>GET /budgets</c>: a placeholder until budgets exist.</summary>
internal static class BudgetsPage
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/budgets", (HttpContext http) => PlaceholderPage.Render(
            http,
            "Budgets",
            DashboardNav.Budgets,
            "Budgets will set a monthly or daily spend limit per project, feature, customer or key label, and show how much of each is used and when it is forecast to run out.",
            "They arrive with the budgets issue; nothing is enforced or tracked against a limit today."));
}
