using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outlay.Core.Keys;
using Outlay.Server.Http;

namespace Outlay.Server.Auth;

/// <summary>
/// Authorizes an endpoint: 401 without a valid key, 403 when the key's kind is not allowed here.
/// Runs before the handler reads the body, so unauthenticated callers cost no parsing.
/// </summary>
internal sealed class RequireKeyFilter : IEndpointFilter
{
    private readonly ApiKeyKind[] _allowed;

    public RequireKeyFilter(ApiKeyKind[] allowed) => _allowed = allowed;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authenticator = http.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
        var (status, key) = await authenticator.AuthenticateAsync(PresentedKey.Read(http.Request), http.RequestAborted).ConfigureAwait(false);
        if (status != AuthenticationStatus.Authenticated || key is null)
        {
            return ApiProblems.Unauthorized(http);
        }

        if (Array.IndexOf(_allowed, key.Kind) < 0)
        {
            return ApiProblems.Forbidden($"This endpoint needs a key of kind {Describe(_allowed)}.");
        }

        CallerKey.Set(http, key);
        return await next(context).ConfigureAwait(false);
    }

    private static string Describe(ApiKeyKind[] kinds) =>
        string.Join(" or ", kinds.Select(k => k.ToString().ToLowerInvariant()));
}
