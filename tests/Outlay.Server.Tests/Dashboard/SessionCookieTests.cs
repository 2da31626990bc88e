using Microsoft.AspNetCore.Http;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Tests.Dashboard;

/// <summary>The session cookie's shape and, on HTTPS, its <c>__Host-</c> name and <c>Secure</c> flag.</summary>
public sealed class SessionCookieTests
{
    [Fact]
    public void On_https_the_cookie_is_host_prefixed_and_secure()
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        var (_, value) = SessionCookie.NewSession();

        SessionCookie.Write(http, value, TimeSpan.FromHours(12));
        var setCookie = http.Response.Headers.SetCookie.ToString();

        // Max-Age, not Expires: the browser counts it from receipt, so a server clock behind the browser's cannot end it early.
        Assert.Contains("max-age=43200", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", setCookie, StringComparison.OrdinalIgnoreCase);

        Assert.StartsWith("__Host-outlay_session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void New_sessions_parse_back_and_malformed_values_do_not()
    {
        var (id, value) = SessionCookie.NewSession();
        var (otherId, _) = SessionCookie.NewSession();

        Assert.True(SessionCookie.TryParse(value, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.Equal(16, id.Length);
        Assert.Equal(SessionCookie.SecretBytes, secret.Length);
        Assert.NotEqual(id, otherId);
        foreach (var bad in new[] { null, string.Empty, id, id + ".", id.ToUpperInvariant() + value[16..], value + "AA", "../" + value[3..], new string('a', 200) })
        {
            Assert.False(SessionCookie.TryParse(bad, out _, out _), bad);
        }
    }

    [Fact]
    public void The_csrf_token_depends_on_the_session_secret()
    {
        Assert.True(SessionCookie.TryParse(SessionCookie.NewSession().CookieValue, out _, out var first));
        Assert.True(SessionCookie.TryParse(SessionCookie.NewSession().CookieValue, out _, out var second));

        Assert.Equal(SessionCookie.CsrfToken(first), SessionCookie.CsrfToken(first));
        Assert.NotEqual(SessionCookie.CsrfToken(first), SessionCookie.CsrfToken(second));
        Assert.Equal(43, SessionCookie.CsrfToken(first).Length);
    }
}
