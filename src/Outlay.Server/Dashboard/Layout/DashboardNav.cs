namespace Outlay.Server.Dashboard.Layout;

/// <summary>The navigation entries of the dashboard, in display order.</summary>
internal enum DashboardNav
{
    Overview,
    Explore,
    Models,
    Budgets,
    Alerts,
    Security,
    Keys,
}
