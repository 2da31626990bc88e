using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// The time zone a page is shown in: <c>?tz=IANA-id</c>, else the <c>outlay_tz</c> cookie, else UTC. A valid
/// <c>?tz</c> is remembered in the cookie (readable by the page script, which only sets it on a first visit).
/// </summary>
internal static class DashboardTimeZone
{
    public const string QueryName = "tz";
    public const string CookieName = "outlay_tz";
    private const int MaxIdLength = 64;

    public static TimeZoneInfo Resolve(HttpContext http)
    {
        var fromQuery = http.Request.Query[QueryName];
        if (fromQuery.Count == 1 && TryFind(fromQuery[0], out var chosen))
        {
            if (!string.Equals(http.Request.Cookies[CookieName], chosen.Id, StringComparison.Ordinal))
            {
                http.Response.Cookies.Append(CookieName, chosen.Id, new CookieOptions
                {
                    HttpOnly = false,
                    SameSite = SameSiteMode.Strict,
                    Secure = http.Request.IsHttps,
                    Path = "/",
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                });
            }

            return chosen;
        }

        return TryFind(http.Request.Cookies[CookieName], out var remembered) ? remembered : TimeZoneInfo.Utc;
    }

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(IsIdChar))
        {
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            return false;
        }

        zone = found;
        return true;
    }

    /// <summary>"Europe/Berlin, UTC+01:00" for the offset at <paramref name="at"/>.</summary>
    public static string Describe(TimeZoneInfo zone, DateTimeOffset at)
    {
        var offset = zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{zone.Id}, UTC{sign}{offset.Duration():hh\\:mm}";
    }

    // IANA ids are letters, digits and _ - + /; anything else is not worth a lookup.
    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+';
}
