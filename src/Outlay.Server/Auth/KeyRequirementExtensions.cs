using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Keys;

namespace Outlay.Server.Auth;

/// <summary>Declares which key kinds may call an endpoint, and documents the 401/403 answers in OpenAPI.</summary>
internal static class KeyRequirementExtensions
{
    public static RouteHandlerBuilder RequireKey(this RouteHandlerBuilder builder, params ApiKeyKind[] allowed) =>
        builder
            .AddEndpointFilter(new RequireKeyFilter(allowed))
            .WithMetadata(new KeyRequirement(allowed))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
