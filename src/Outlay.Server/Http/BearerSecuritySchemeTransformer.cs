using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Outlay.Server.Http;

/// <summary>Declares the Outlay key (<c>Authorization: Bearer olk_…</c>) in the OpenAPI document so clients know how to authenticate.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "OutlayKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An Outlay key: olk_ingest_… for POST /v1/events, olk_read_… or olk_admin_… for /api/v1. "
                + "The x-outlay-key header is accepted too.",
        };
        return Task.CompletedTask;
    }
}
