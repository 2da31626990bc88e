using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Credentials;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Credentials;

/// <summary>
/// Maps the credential inventory API, always scoped to the caller's project: read and admin keys see where each key
/// label is used and how far a rotation has got; admin keys retire and un-retire labels.
/// </summary>
internal static class CredentialEndpoints
{
    /// <summary>Most retired labels one project may hold.</summary>
    public const int MaxRetirements = 1000;

    private const string BodyShape =
        "The body must be JSON {\"retired_at\": \"2026-03-01T00:00:00Z\", \"replaced_by\": \"...\", \"note\": \"...\"} (every field optional) with no other fields.";

    private const string BadLabel = "label: a key label of 1 to 128 characters with no control characters.";
    private const string UnknownLabel = "No key label of that name has been seen or retired in this project.";

    public static IEndpointRouteBuilder MapCredentialEndpoints(this IEndpointRouteBuilder routes)
    {
        var credentials = routes.MapGroup("/api/v1/credentials").WithTags("Security");
        credentials.MapGet(string.Empty, ListAsync)
            .WithName("ListCredentials")
            .WithSummary("Every key label of the key's project: state, services, environments, instances, models, first and last seen, spend per day for 30 days.")
            .Produces<CredentialListResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        credentials.MapGet("/{label}", GetAsync)
            .WithName("GetCredential")
            .WithSummary("Where one key label is used: every service × environment × instance × model with first and last seen, and spend per day for 30 days.")
            .Produces<CredentialItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        credentials.MapPut("/{label}/retirement", RetireAsync)
            .WithName("RetireCredential")
            .WithSummary("Mark a key label retired; any event with it at or after retired_at raises a finding.")
            .WithDescription("retired_at: ISO-8601 (UTC unless an offset is given) or a duration back from now such as 2h; default now; "
                + "at most 366 days ahead. replaced_by: the new label, for the rotation view. note: at most 500 characters. "
                + "Replaces an earlier retirement of the same label.")
            .Accepts<RetireCredentialRequest>("application/json")
            .Produces<CredentialItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Admin);
        credentials.MapDelete("/{label}/retirement", UnretireAsync)
            .WithName("UnretireCredential")
            .WithSummary("Un-retire a key label.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        credentials.MapGet("/{label}/rotation", RotationAsync)
            .WithName("CredentialRotation")
            .WithSummary("For a label being replaced (by ?to=NEW, else its retirement's replaced_by): each place, moved, not moved or both.")
            .Produces<CredentialRotationResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOutlayStore store, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var now = time.GetUtcNow();
        var inventory = await CredentialViews.ReadInventoryAsync(store, caller.ProjectId, null, now, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new CredentialListResponse(now, inventory.Select(e => CredentialItems.From(e, withPlaces: false)).ToList()));
    }

    private static async Task<IResult> GetAsync(string label, HttpContext context, IOutlayStore store, TimeProvider time)
    {
        if (CredentialPathLabel.Parse(label) is not { } keyLabel)
        {
            return ApiProblems.BadRequest(BadLabel);
        }

        var caller = CallerKey.Get(context);
        var entry = await ReadOneAsync(store, caller.ProjectId, keyLabel, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        return entry is null ? ApiProblems.NotFound(UnknownLabel) : TypedResults.Ok(CredentialItems.From(entry, withPlaces: true));
    }

    private static async Task<IResult> RetireAsync(string label, HttpContext context, IOutlayStore store, TimeProvider time)
    {
        if (CredentialPathLabel.Parse(label) is not { } keyLabel)
        {
            return ApiProblems.BadRequest(BadLabel);
        }

        var caller = CallerKey.Get(context);
        var (request, problem) = await JsonRequestBody.ReadAsync(context, ServerJsonContext.Default.RetireCredentialRequest, BodyShape).ConfigureAwait(false);
        if (request is null)
        {
            return problem!; // ReadAsync returns exactly one of the two.
        }

        var now = time.GetUtcNow();
        CredentialRetirement retirement;
        try
        {
            retirement = CredentialRetirementParser.Parse(caller.ProjectId, keyLabel, request.RetiredAt, request.ReplacedBy, request.Note, now, caller.KeyId);
        }
        catch (CredentialValidationException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        var existing = await store.ListCredentialRetirementsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        if (existing.Count >= MaxRetirements && !existing.Any(r => string.Equals(r.KeyLabel, keyLabel, StringComparison.Ordinal)))
        {
            return ApiProblems.BadRequest($"A project holds at most {MaxRetirements} retired labels; un-retire one first.");
        }

        await store.SetCredentialRetirementAsync(retirement, context.RequestAborted).ConfigureAwait(false);
        var entry = await ReadOneAsync(store, caller.ProjectId, keyLabel, now, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(CredentialItems.From(entry!, withPlaces: true)); // The retirement just stored makes it known.
    }

    private static async Task<IResult> UnretireAsync(string label, HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var deleted = CredentialPathLabel.Parse(label) is { } keyLabel
            && await store.DeleteCredentialRetirementAsync(caller.ProjectId, keyLabel, context.RequestAborted).ConfigureAwait(false);
        return deleted ? TypedResults.NoContent() : ApiProblems.NotFound("No retired key label of that name in this project.");
    }

    private static async Task<IResult> RotationAsync(string label, string? to, HttpContext context, IOutlayStore store, TimeProvider time)
    {
        if (CredentialPathLabel.Parse(label) is not { } oldLabel)
        {
            return ApiProblems.BadRequest(BadLabel);
        }

        if (to is not null && !CredentialLabels.IsValid(to))
        {
            return ApiProblems.BadRequest("to: a key label of 1 to 128 characters with no control characters.");
        }

        var caller = CallerKey.Get(context);
        if (await ReadOneAsync(store, caller.ProjectId, oldLabel, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound(UnknownLabel);
        }

        try
        {
            var rotation = await CredentialViews.ReadRotationAsync(store, caller.ProjectId, oldLabel, to, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(CredentialItems.From(rotation));
        }
        catch (CredentialValidationException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }

    private static async Task<CredentialInventoryEntry?> ReadOneAsync(IOutlayStore store, string projectId, string keyLabel, DateTimeOffset now, CancellationToken ct)
    {
        var inventory = await CredentialViews.ReadInventoryAsync(store, projectId, keyLabel, now, ct).ConfigureAwait(false);
        return inventory.Count == 0 ? null : inventory[0];
    }
}
