using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// The dashboard session cookie: <c>{id}.{secret}</c>, a 16-character base32 id and 32 random bytes in base64url.
/// Named <c>__Host-outlay_session</c> (with <c>Secure</c>) on HTTPS, so no subdomain or plain-HTTP page can plant it.
/// </summary>
internal static class SessionCookie
{
    public const int SessionIdLength = 16;
    public const int SecretBytes = 32;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int MaxValueLength = 128;
    private static readonly byte[] CsrfMessage = Encoding.ASCII.GetBytes("outlay-csrf-v1");

    public static string Name(HttpRequest request) => request.IsHttps ? "__Host-outlay_session" : "outlay_session";

    /// <summary>A fresh random session: its id and the full cookie value.</summary>
    public static (string SessionId, string CookieValue) NewSession()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, SessionIdLength);
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var value = id + "." + Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);
        return (id, value);
    }

    /// <summary>Splits a presented cookie value; false for anything not shaped like one this server issued.</summary>
    public static bool TryParse(string? value, out string sessionId, out byte[] secret)
    {
        sessionId = string.Empty;
        secret = [];
        if (string.IsNullOrEmpty(value) || value.Length > MaxValueLength)
        {
            return false;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot != SessionIdLength || value.AsSpan(0, dot).ContainsAnyExcept(IdAlphabet))
        {
            return false;
        }

        var secretText = value.AsSpan(dot + 1);
        if (!Base64Url.IsValid(secretText, out var length) || length != SecretBytes)
        {
            return false;
        }

        secret = Base64Url.DecodeFromChars(secretText);
        sessionId = value[..dot];
        return true;
    }

    /// <summary>SHA-256 of the whole cookie value: what the store keeps instead of the value.</summary>
    public static byte[] Hash(string cookieValue) => SHA256.HashData(Encoding.UTF8.GetBytes(cookieValue));

    /// <summary>The CSRF token of a session: base64url(HMAC-SHA256(secret, "outlay-csrf-v1")).</summary>
    public static string CsrfToken(ReadOnlySpan<byte> secret) => Base64Url.EncodeToString(HMACSHA256.HashData(secret, CsrfMessage));

    /// <summary>
    /// Sets the session cookie for <paramref name="lifetime"/> with <c>Max-Age</c>, which the browser counts from when it
    /// receives the cookie: an <c>Expires</c> date from a server whose clock is behind the browser's would end the
    /// session at once. The server still checks the stored expiry itself.
    /// </summary>
    public static void Write(HttpContext http, string value, TimeSpan lifetime)
    {
        var options = Options(http.Request);
        options.MaxAge = lifetime;
        http.Response.Cookies.Append(Name(http.Request), value, options);
    }

    public static void Expire(HttpContext http)
    {
        var options = Options(http.Request);
        options.Expires = DateTimeOffset.UnixEpoch;
        http.Response.Cookies.Delete(Name(http.Request), options);
    }

    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
