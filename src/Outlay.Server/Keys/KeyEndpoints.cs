using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Keys;

/// <summary>Maps key management (admin keys only, and only within the admin key's own project).</summary>
internal static class KeyEndpoints
{

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/v1/keys").WithTags("Keys");
        keys.MapGet(string.Empty, ListAsync)
            .WithName("ListKeys")
            .WithSummary("Keys of the admin key's project (ids, kinds, environments, dates; never key text or hashes).")
            .Produces<KeyListResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Admin);
        keys.MapPost(string.Empty, CreateAsync)
            .WithName("CreateKey")
            .WithSummary("Create a key in the admin key's project; the key text is in this answer only.")
            .Accepts<CreateKeyRequest>("application/json")
            .Produces<CreatedKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Admin);
        keys.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeKey")
            .WithSummary("Revoke a key of the admin key's project; it stops working at once on this server.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var records = await store.ListKeysAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        var items = records
            .Where(r => string.Equals(r.ProjectId, caller.ProjectId, StringComparison.Ordinal))
            .Select(r => new KeyItem(r.KeyId, KeyKindText.Format(r.Kind), r.Environments, r.Name, r.CreatedAt, r.RevokedAt))
            .ToList();
        return TypedResults.Ok(new KeyListResponse(items));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IOutlayStore store, TimeProvider time, ILoggerFactory loggers)
    {
        var caller = CallerKey.Get(context);
        var (request, problem) = await JsonRequestBody.ReadAsync(context, ServerJsonContext.Default.CreateKeyRequest, "The body must be JSON {\"kind\": \"ingest|read|admin\", \"environments\": [...], \"name\": \"...\"} with no other fields.").ConfigureAwait(false);
        if (request is null)
        {
            return problem!; // ReadAsync returns exactly one of the two.
        }

        var error = CreateKeyValidation.Validate(request, out var kind);
        if (error is not null)
        {
            return ApiProblems.BadRequest(error);
        }

        var (keyText, record) = ApiKeyFactory.Create(kind, caller.ProjectId, request.Environments ?? [], request.Name, time.GetUtcNow());
        await store.AddKeyAsync(record, context.RequestAborted).ConfigureAwait(false);
        ServerLog.KeyCreated(loggers.CreateLogger(typeof(KeyEndpoints)), record.KeyId, KeyKindText.Format(kind), caller.ProjectId);
        return TypedResults.Created($"/api/v1/keys/{record.KeyId}", new CreatedKeyResponse(keyText, record.KeyId));
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, IOutlayStore store, TimeProvider time, ApiKeyAuthenticator authenticator, ILoggerFactory loggers)
    {
        var caller = CallerKey.Get(context);
        var record = id.Length <= 64 ? await store.FindKeyAsync(id, context.RequestAborted).ConfigureAwait(false) : null;

        // Another project's key answers exactly like a missing one, so ids cannot be probed across projects.
        if (record is null || !string.Equals(record.ProjectId, caller.ProjectId, StringComparison.Ordinal))
        {
            return ApiProblems.NotFound("No such key in this project.");
        }

        if (record.RevokedAt is null)
        {
            await store.RevokeKeyAsync(record.KeyId, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
            ServerLog.KeyRevoked(loggers.CreateLogger(typeof(KeyEndpoints)), record.KeyId);
        }

        authenticator.Evict(record.KeyId);
        return TypedResults.NoContent();
    }
}
