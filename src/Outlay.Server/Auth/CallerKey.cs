using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Auth;

/// <summary>The verified key of the current request, stored by <see cref="RequireKeyFilter"/>.</summary>
internal static class CallerKey
{
    private static readonly object ItemKey = new();

    public static void Set(HttpContext context, AuthenticatedKey key) => context.Items[ItemKey] = key;

    /// <summary>The caller; only valid inside endpoints that carry <see cref="RequireKeyFilter"/>.</summary>
    public static AuthenticatedKey Get(HttpContext context) =>
        context.Items[ItemKey] as AuthenticatedKey
        ?? throw new InvalidOperationException("The endpoint is missing its key requirement.");
}
