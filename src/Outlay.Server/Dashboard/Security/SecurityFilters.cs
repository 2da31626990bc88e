using Microsoft.AspNetCore.Http;
using Outlay.Core.Findings;

namespace Outlay.Server.Dashboard.Security;

/// <summary>
/// The Security page's findings filters from its query string: <c>status</c> (open or acknowledged; anything else is
/// all) and <c>kind</c> (a known kind; anything else is all).
/// </summary>
internal sealed record SecurityFilters(FindingStatus? Status, string? Kind)
{
    public static SecurityFilters From(HttpRequest request)
    {
        var status = request.Query["status"].ToString() switch
        {
            "open" => FindingStatus.Open,
            "acknowledged" => (FindingStatus?)FindingStatus.Acknowledged,
            _ => null,
        };
        var kind = request.Query["kind"].ToString();
        return new SecurityFilters(status, FindingKinds.IsKnown(kind) ? kind : null);
    }

    /// <summary><c>open</c>, <c>acknowledged</c> or empty (all).</summary>
    public string StatusName => Status switch
    {
        FindingStatus.Open => "open",
        FindingStatus.Acknowledged => "acknowledged",
        _ => string.Empty,
    };

    /// <summary>The page's path with these filters, to come back to after a review action.</summary>
    public string Path()
    {
        var query = new List<string>(2);
        if (Status is not null)
        {
            query.Add("status=" + StatusName);
        }

        if (Kind is not null)
        {
            query.Add("kind=" + Uri.EscapeDataString(Kind));
        }

        return query.Count == 0 ? "/security" : "/security?" + string.Join('&', query);
    }
}
