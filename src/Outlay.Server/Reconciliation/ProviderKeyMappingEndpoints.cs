using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Keys;
using Outlay.Core.Reconciliation;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Reconciliation;

/// <summary>Maps the provider key id (or project id) → key label mappings: read or admin keys list, admin keys change.</summary>
internal static class ProviderKeyMappingEndpoints
{
    private const string Path = "/api/v1/provider-key-mappings";

    public static IEndpointRouteBuilder MapProviderKeyMappingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Path).WithTags("Reconciliation");
        group.MapGet(string.Empty, ListAsync)
            .WithName("ListProviderKeyMappings")
            .WithSummary("Which Outlay key label each provider key id or project id stands for.")
            .Produces<ProviderKeyMappingListResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        group.MapPut(string.Empty, PutAsync)
            .WithName("PutProviderKeyMapping")
            .WithSummary("Map a provider key id (key_…, apikey_…) or project/workspace id to a key label, replacing an earlier mapping of it.")
            .Accepts<PutProviderKeyMappingRequest>("application/json")
            .Produces<ProviderKeyMappingItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Admin);
        group.MapDelete(string.Empty, DeleteAsync)
            .WithName("DeleteProviderKeyMapping")
            .WithSummary("Remove the mapping of ?provider=…&ref=….")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var mappings = await store.ListProviderKeyMappingsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        var items = mappings.Select(ToItem).ToList();
        return TypedResults.Json(new ProviderKeyMappingListResponse(items), ReconciliationJsonContext.Default.ProviderKeyMappingListResponse);
    }

    private static async Task<IResult> PutAsync(HttpContext context, IOutlayStore store, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var (request, problem) = await JsonRequestBody.ReadAsync(
            context,
            ReconciliationJsonContext.Default.PutProviderKeyMappingRequest,
            "The body must be JSON {\"provider\": \"openai\", \"ref\": \"key_…\", \"key_label\": \"…\"} with no other fields.").ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var provider = ProviderKeyMappingRules.Provider(request.Provider, out var error);
        var providerRef = error is null ? ProviderKeyMappingRules.Text(request.Ref, "ref", out error) : null;
        var label = error is null ? ProviderKeyMappingRules.Text(request.KeyLabel, "key_label", out error) : null;
        if (error is not null)
        {
            return ApiProblems.BadRequest(error);
        }

        var existing = await store.ListProviderKeyMappingsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        var replaces = existing.Any(m => m.Provider == provider && m.ProviderRef == providerRef);
        if (!replaces && existing.Count >= ProviderKeyMappingRules.MaxPerProject)
        {
            return ApiProblems.BadRequest($"A project holds at most {ProviderKeyMappingRules.MaxPerProject} mappings; delete one first.");
        }

        var mapping = new ProviderKeyMapping(caller.ProjectId, provider!, providerRef!, label!, time.GetUtcNow());
        await store.SetProviderKeyMappingAsync(mapping, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(ToItem(mapping), ReconciliationJsonContext.Default.ProviderKeyMappingItem);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IOutlayStore store, string? provider, string? @ref)
    {
        var caller = CallerKey.Get(context);
        var normalized = ProviderKeyMappingRules.Provider(provider, out var error);
        var providerRef = error is null ? ProviderKeyMappingRules.Text(@ref, "ref", out error) : null;
        if (error is not null)
        {
            return ApiProblems.BadRequest(error);
        }

        return await store.DeleteProviderKeyMappingAsync(caller.ProjectId, normalized!, providerRef!, context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("No such mapping in this project.");
    }

    private static ProviderKeyMappingItem ToItem(ProviderKeyMapping m) => new(m.Provider, m.ProviderRef, m.KeyLabel, m.CreatedAt);
}
