using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Outlay.Server.Auth;

namespace Outlay.Server.Http;

/// <summary>Marks every operation that needs an Outlay key with the bearer security requirement and the kinds it accepts.</summary>
internal sealed class KeyRequirementOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var requirement = context.Description.ActionDescriptor.EndpointMetadata.OfType<KeyRequirement>().LastOrDefault();
        if (requirement is null)
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.SchemeName, context.Document)] = [],
        });
        var kinds = string.Join(" or ", requirement.Kinds.Select(k => k.ToString().ToLowerInvariant()));
        operation.Description = string.IsNullOrEmpty(operation.Description)
            ? $"Requires a {kinds} key."
            : $"{operation.Description} Requires a {kinds} key.";
        return Task.CompletedTask;
    }
}
