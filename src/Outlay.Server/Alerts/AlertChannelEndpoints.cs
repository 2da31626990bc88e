using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Alerts;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Alerts.Secrets;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Alerts;

/// <summary>
/// Maps the alert channel API, always scoped to the caller's own project: admin keys add, delete and test channels,
/// read and admin keys list them. Settings are sealed before they reach the store; answers and logs show only the
/// redacted target, and a webhook's generated signing secret appears once, in the create answer.
/// </summary>
internal static class AlertChannelEndpoints
{
    private const string BodyShape =
        "The body must be JSON {\"name\": \"...\", \"kind\": \"webhook|slack|email\", \"url\": \"https://...\", \"recipients\": [\"ops@example.com\"]} with no other fields.";

    private const string NotFound = "No such alert channel in this project.";

    public static IEndpointRouteBuilder MapAlertChannelEndpoints(this IEndpointRouteBuilder routes)
    {
        var channels = routes.MapGroup("/api/v1/alert-channels").WithTags("Alerts");
        channels.MapGet(string.Empty, ListAsync)
            .WithName("ListAlertChannels")
            .WithSummary("Alert channels of the key's project with a redacted target and delivery health.")
            .Produces<AlertChannelListResponse>(StatusCodes.Status200OK)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        channels.MapGet("/{id}", GetAsync)
            .WithName("GetAlertChannel")
            .WithSummary("One alert channel of the key's project.")
            .Produces<AlertChannelItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        channels.MapPost(string.Empty, CreateAsync)
            .WithName("CreateAlertChannel")
            .WithSummary("Add an alert channel to the admin key's project; a webhook's signing secret is in this answer only.")
            .WithDescription("name: 1–100 characters; kind: webhook (signed JSON), slack (incoming webhook, https) or email; "
                + "url: absolute http(s), at most 2048 characters, no user-info; recipients (email): 1–10 addresses. "
                + "At most 20 channels per project. Settings are stored encrypted and never shown again in full.")
            .Accepts<CreateAlertChannelRequest>("application/json")
            .Produces<CreatedAlertChannelResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireKey(ApiKeyKind.Admin);
        channels.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteAlertChannel")
            .WithSummary("Delete an alert channel of the admin key's project; its pending deliveries fail as 'channel deleted'.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        channels.MapPost("/{id}/test", TestAsync)
            .WithName("TestAlertChannel")
            .WithSummary("Queue a test notice to the channel; the delivery worker sends it on its next run.")
            .Produces<QueuedTestNoticeResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        return routes;
    }

    /// <summary>Validates, seals and stores a new channel; the caller gets the channel or the refusal text.</summary>
    internal static async Task<(AlertChannel? Channel, ValidatedAlertChannel? Validated, string? Refusal)> AddAsync(
        IOutlayStore store, ChannelSecretBox box, string projectId, AlertChannelDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        ValidatedAlertChannel validated;
        try
        {
            validated = AlertChannelValidator.Validate(draft);
        }
        catch (AlertChannelValidationException e)
        {
            return (null, null, e.Message);
        }

        var existing = await store.ListAlertChannelsAsync(projectId, ct).ConfigureAwait(false);
        if (AlertChannelQuota.RefusalFor(existing.Count) is { } refusal)
        {
            return (null, null, refusal);
        }

        var id = AlertChannelIds.New();
        var channel = new AlertChannel(id, projectId, validated.Name, validated.Kind, validated.DisplayTarget, box.Seal(id, validated.Config), now);
        await store.AddAlertChannelAsync(channel, ct).ConfigureAwait(false);
        return (channel, validated, null);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var channels = await store.ListAlertChannelsAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false);
        var health = (await store.ListAlertChannelHealthAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false))
            .ToDictionary(h => h.ChannelId, StringComparer.Ordinal);
        return TypedResults.Ok(new AlertChannelListResponse(channels.Select(c => AlertChannelItem.From(c, health.GetValueOrDefault(c.Id))).ToList()));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var channel = id.Length <= AlertChannelIds.MaxLength
            ? await store.GetAlertChannelAsync(caller.ProjectId, id, context.RequestAborted).ConfigureAwait(false)
            : null;

        // Another project's channel answers exactly like a missing one.
        if (channel is null)
        {
            return ApiProblems.NotFound(NotFound);
        }

        var health = (await store.ListAlertChannelHealthAsync(caller.ProjectId, context.RequestAborted).ConfigureAwait(false))
            .FirstOrDefault(h => string.Equals(h.ChannelId, channel.Id, StringComparison.Ordinal));
        return TypedResults.Ok(AlertChannelItem.From(channel, health));
    }

    /// <summary>
    /// The operator-facing text when the secret key cannot seal a channel (a key file others may read, or not a key):
    /// names the file and the reason, never any key material.
    /// </summary>
    internal static string SecretKeyProblem(OutlayServerOptions options, InvalidOperationException error) =>
        $"The alert secret key at {options.SecretKeyLocation} cannot be used: {error.Message}";

    private static async Task<IResult> CreateAsync(HttpContext context, IOutlayStore store, ChannelSecretBox box, TimeProvider time, OutlayServerOptions options, ILoggerFactory loggers)
    {
        var caller = CallerKey.Get(context);
        var (request, problem) = await JsonRequestBody.ReadAsync(context, ServerJsonContext.Default.CreateAlertChannelRequest, BodyShape).ConfigureAwait(false);
        if (request is null)
        {
            return problem!; // ReadAsync returns exactly one of the two.
        }

        var draft = new AlertChannelDraft(request.Name, request.Kind, request.Url, request.Recipients);
        AlertChannel? channel;
        ValidatedAlertChannel? validated;
        string? refusal;
        try
        {
            (channel, validated, refusal) = await AddAsync(store, box, caller.ProjectId, draft, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (box.KeyUnavailable)
        {
            // The operator fixes the key file (the box retries on the next use); a generic 500 would hide what to fix.
            return TypedResults.Problem(SecretKeyProblem(options, e), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Alert secret key unavailable.");
        }

        if (channel is null)
        {
            return ApiProblems.BadRequest(refusal!);
        }

        ServerLog.ChannelAdded(loggers.CreateLogger(typeof(AlertChannelEndpoints)), channel.Id, channel.KindName, caller.ProjectId);
        return TypedResults.Created($"/api/v1/alert-channels/{channel.Id}", new CreatedAlertChannelResponse(AlertChannelItem.From(channel, null), validated!.Config.SigningSecret));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IOutlayStore store, ILoggerFactory loggers)
    {
        var caller = CallerKey.Get(context);
        var deleted = id.Length <= AlertChannelIds.MaxLength
            && await store.DeleteAlertChannelAsync(caller.ProjectId, id, context.RequestAborted).ConfigureAwait(false);
        if (!deleted)
        {
            return ApiProblems.NotFound(NotFound);
        }

        ServerLog.ChannelDeleted(loggers.CreateLogger(typeof(AlertChannelEndpoints)), id, caller.ProjectId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> TestAsync(string id, HttpContext context, IOutlayStore store, TimeProvider time)
    {
        var caller = CallerKey.Get(context);
        var delivery = id.Length <= AlertChannelIds.MaxLength
            ? await store.QueueTestAlertDeliveryAsync(caller.ProjectId, id, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false)
            : null;
        return delivery is null
            ? ApiProblems.NotFound(NotFound)
            : TypedResults.Accepted($"/api/v1/alert-channels/{id}", new QueuedTestNoticeResponse(AlertDeliveryItem.From(delivery)));
    }
}
