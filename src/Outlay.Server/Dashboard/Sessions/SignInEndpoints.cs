using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Server.Auth;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// <c>GET/POST /signin</c> (a read or admin key in exchange for a session cookie) and <c>POST /signout</c>.
/// The sign-in form has no session yet, so it is protected by a double-submit token (a random HttpOnly cookie that
/// the hidden field must repeat) plus the same-origin check; failed attempts are rate-limited per client address.
/// </summary>
internal static class SignInEndpoints
{
    public const string InvalidKeyMessage = "That key is not valid.";
    public const string IngestKeyMessage = "Ingest keys can only send events; sign in with a read or admin key.";
    private const int MaxKeyLength = 256;
    private const int SignInTokenBytes = 32;

    public static void MapPublic(IEndpointRouteBuilder routes, DashboardSessions sessions, ApiKeyAuthenticator authenticator, SignInRateLimiter limiter)
    {
        routes.MapGet("/signin", (HttpContext http) => Form(http, ReturnPath.Sanitize(Single(http.Request.Query["return"])), null, StatusCodes.Status200OK))
            .ExcludeFromDescription();
        routes.MapPost("/signin", (Func<HttpContext, Task<IResult>>)(http => SignInAsync(http, sessions, authenticator, limiter)))
            .ExcludeFromDescription();
    }

    public static void MapSignedIn(IEndpointRouteBuilder group, DashboardSessions sessions)
    {
        group.MapPost("/signout", async (HttpContext http) =>
        {
            await sessions.EndAsync(http, DashboardContext.Get(http)).ConfigureAwait(false);
            return new SeeOtherResult("/signin");
        });
    }

    private static async Task<IResult> SignInAsync(HttpContext http, DashboardSessions sessions, ApiKeyAuthenticator authenticator, SignInRateLimiter limiter)
    {
        if (!SameOriginCheck.IsAllowed(http.Request))
        {
            return Form(http, "/", "This sign-in came from another site, so it was refused.", StatusCodes.Status403Forbidden);
        }

        var (form, status) = await DashboardForm.ReadAsync(http.Request).ConfigureAwait(false);
        if (form is null)
        {
            return Form(http, "/", "The sign-in form could not be read. Reload the page and try again.", status);
        }

        var returnPath = ReturnPath.Sanitize(DashboardForm.Field(form, "return", ReturnPath.MaxLength));
        if (!SignInTokenMatches(http, DashboardForm.Field(form, DashboardSessionFilter.CsrfField, 128)))
        {
            return Form(http, returnPath, "The sign-in form expired. Try again.", StatusCodes.Status403Forbidden);
        }

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var wait = limiter.RetryAfter(client);
        if (wait > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Form(http, returnPath, $"Too many failed sign-ins from this address. Try again in {seconds} seconds.", StatusCodes.Status429TooManyRequests);
        }

        var keyText = form["key"].Count == 1 ? form["key"][0]?.Trim() : null;
        if (string.IsNullOrEmpty(keyText))
        {
            return Form(http, returnPath, "Enter a read or admin key.", StatusCodes.Status400BadRequest);
        }

        // An over-long value is refused like any other wrong key (never echoed, counted as a failure).
        var (result, key) = keyText.Length > MaxKeyLength
            ? (AuthenticationStatus.Invalid, null)
            : await authenticator.AuthenticateAsync(keyText, http.RequestAborted).ConfigureAwait(false);
        if (result != AuthenticationStatus.Authenticated || key is null)
        {
            limiter.RecordFailure(client);
            return Form(http, returnPath, InvalidKeyMessage, StatusCodes.Status401Unauthorized);
        }

        if (key.Kind == ApiKeyKind.Ingest)
        {
            return Form(http, returnPath, IngestKeyMessage, StatusCodes.Status403Forbidden);
        }

        await sessions.CreateAsync(http, key).ConfigureAwait(false);
        http.Response.Cookies.Delete(SignInCookieName(http.Request), SignInCookieOptions(http.Request));
        return new SeeOtherResult(returnPath);
    }

    private static IResult Form(HttpContext http, string returnPath, string? error, int statusCode)
    {
        var token = NewSignInToken();
        http.Response.Cookies.Append(SignInCookieName(http.Request), token, SignInCookieOptions(http.Request));

        var body = new HtmlBuilder()
            .Open("section", ("class", "signin"))
            .Element("h1", "Sign in to Outlay")
            .Element("p", "Paste a read or admin key of your project. The key is exchanged for a session cookie and is not kept in the browser.", ("class", "muted"));
        if (error is not null)
        {
            body.Element("p", error, ("class", "form-error"), ("role", "alert"), ("data-testid", "signin-error"));
        }

        body.Open("form", ("method", "post"), ("action", "/signin"), ("class", "signin-form"), ("data-testid", "signin-form"))
            .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", token))
            .Void("input", ("type", "hidden"), ("name", "return"), ("value", returnPath))
            .Element("label", "Key", ("for", "signin-key"))
            .Void(
                "input",
                ("type", "password"),
                ("id", "signin-key"),
                ("name", "key"),
                ("required", string.Empty),
                ("maxlength", MaxKeyLength.ToString(CultureInfo.InvariantCulture)),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
                ("placeholder", "olk_read_… or olk_admin_…"),
                ("data-testid", "signin-key"))
            .Element("button", "Sign in", ("type", "submit"), ("class", "button-primary"), ("data-testid", "signin-submit"))
            .Close("form")
            .Open("p", ("class", "muted small"))
            .Text("No key yet? Create one on the server with ")
            .Element("code", "outlay keys create --project NAME --kind read")
            .Close("p")
            .Close("section");
        return DashboardLayout.SignInPage(http, "Sign in", body, statusCode);
    }

    private static bool SignInTokenMatches(HttpContext http, string? presented)
    {
        var expected = http.Request.Cookies[SignInCookieName(http.Request)];
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(expected));
    }

    private static string NewSignInToken()
    {
        Span<byte> bytes = stackalloc byte[SignInTokenBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private static string SignInCookieName(HttpRequest request) => request.IsHttps ? "__Host-outlay_signin" : "outlay_signin";

    private static CookieOptions SignInCookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        MaxAge = TimeSpan.FromHours(1),
        IsEssential = true,
    };

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;
}
