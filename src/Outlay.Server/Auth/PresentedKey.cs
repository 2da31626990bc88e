using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Auth;

/// <summary>Reads the key a request presents: <c>Authorization: Bearer &lt;key&gt;</c>, or the <c>x-outlay-key</c> header.</summary>
internal static class PresentedKey
{
    public const string KeyHeader = "x-outlay-key";
    private const string BearerPrefix = "Bearer ";

    public static string? Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1)
        {
            var value = authorization[0];
            if (value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return value[BearerPrefix.Length..].Trim();
            }

            // Any other scheme is not an Outlay key: returned as is, it fails the format check (401).
            return value;
        }

        var header = request.Headers[KeyHeader];
        return header.Count == 1 ? header[0]?.Trim() : null;
    }
}
