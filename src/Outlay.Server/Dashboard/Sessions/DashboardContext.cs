using Microsoft.AspNetCore.Http;
using Outlay.Core.Keys;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// The signed-in dashboard caller of the current request, set by the session filter on every dashboard page:
/// the project it may see, what it may do, the CSRF token its forms must carry, and the time zone it views in.
/// </summary>
internal sealed record DashboardContext(
    string SessionId,
    string ProjectId,
    string ProjectName,
    string KeyId,
    ApiKeyKind Kind,
    string CsrfToken,
    TimeZoneInfo TimeZone)
{
    private static readonly object ItemKey = new();

    public bool IsAdmin => Kind == ApiKeyKind.Admin;

    public static void Set(HttpContext context, DashboardContext caller) => context.Items[ItemKey] = caller;

    /// <summary>The caller; only valid inside endpoints of the signed-in dashboard group.</summary>
    public static DashboardContext Get(HttpContext context) =>
        context.Items[ItemKey] as DashboardContext
        ?? throw new InvalidOperationException("The endpoint is not inside the signed-in dashboard group.");
}
