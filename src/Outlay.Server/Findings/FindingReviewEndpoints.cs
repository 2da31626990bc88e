using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Findings;

/// <summary>
/// Maps the findings review: acknowledge, snooze and reopen (admin keys only, own project only). Each answers the
/// finding as it now stands; another project's finding answers exactly like a missing one.
/// </summary>
internal static class FindingReviewEndpoints
{
    private const string SnoozeShape =
        "The body must be JSON {\"for\": \"24h\"} (30m to 90d), {\"until\": \"2026-12-01T09:00:00Z\"} (at most 90 days ahead) "
        + "or {\"until\": null} to end the snooze, with no other fields.";

    private const string NoSuchFinding = "No such finding in this project.";

    public static IEndpointRouteBuilder MapFindingReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        var findings = routes.MapGroup("/api/v1/findings").WithTags("Security");
        findings.MapPost("/{id}/acknowledge", AcknowledgeAsync)
            .WithName("AcknowledgeFinding")
            .WithSummary("Mark a finding of the admin key's project acknowledged; later occurrences still count but do not notify.")
            .Produces<FindingItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        findings.MapPost("/{id}/snooze", SnoozeAsync)
            .WithName("SnoozeFinding")
            .WithSummary("Snooze the finding's kind and subject: new findings about it are recorded but not sent until then.")
            .WithDescription("Body {\"for\": \"24h\"} (m, h, d or w; 1 minute to 90 days), {\"until\": \"ISO 8601 instant\"} (at most 90 days ahead) "
                + "or {\"until\": null} to end the snooze.")
            .Accepts<SnoozeFindingRequest>("application/json")
            .Produces<FindingItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        findings.MapPost("/{id}/reopen", ReopenAsync)
            .WithName("ReopenFinding")
            .WithSummary("Return an acknowledged finding of the admin key's project to open.")
            .Produces<FindingItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireKey(ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> AcknowledgeAsync(string id, HttpContext context, IOutlayStore store, TimeProvider time, ILoggerFactory loggers)
    {
        var caller = CallerKey.Get(context);
        if (!Guid.TryParse(id, out var findingId))
        {
            return ApiProblems.NotFound(NoSuchFinding);
        }

        var finding = await store.AcknowledgeFindingAsync(caller.ProjectId, findingId, caller.KeyId, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        return Answer(finding, "acknowledged", caller, loggers);
    }

    private static async Task<IResult> SnoozeAsync(string id, HttpContext context, IOutlayStore store, TimeProvider time, ILoggerFactory loggers)
    {
        var caller = CallerKey.Get(context);
        var (request, problem) = await JsonRequestBody.ReadAsync(context, ServerJsonContext.Default.SnoozeFindingRequest, SnoozeShape).ConfigureAwait(false);
        if (request is null)
        {
            return problem!; // ReadAsync returns exactly one of the two.
        }

        DateTimeOffset? until;
        try
        {
            until = SnoozeEnd(request, time.GetUtcNow());
        }
        catch (FindingSnoozeException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        // The body is checked before the id so a bad request is answered the same for any id.
        if (!Guid.TryParse(id, out var findingId))
        {
            return ApiProblems.NotFound(NoSuchFinding);
        }

        var finding = await store.SnoozeFindingAsync(caller.ProjectId, findingId, until, context.RequestAborted).ConfigureAwait(false);
        return Answer(finding, until is null ? "unsnoozed" : "snoozed", caller, loggers);
    }

    private static async Task<IResult> ReopenAsync(string id, HttpContext context, IOutlayStore store, ILoggerFactory loggers)
    {
        var caller = CallerKey.Get(context);
        if (!Guid.TryParse(id, out var findingId))
        {
            return ApiProblems.NotFound(NoSuchFinding);
        }

        var finding = await store.ReopenFindingAsync(caller.ProjectId, findingId, context.RequestAborted).ConfigureAwait(false);
        return Answer(finding, "reopened", caller, loggers);
    }

    /// <summary>When the snooze of <paramref name="request"/> ends; null ends a snooze now.</summary>
    private static DateTimeOffset? SnoozeEnd(SnoozeFindingRequest request, DateTimeOffset now)
    {
        var hasUntil = request.Until.ValueKind != JsonValueKind.Undefined;
        if (hasUntil == (request.For is not null))
        {
            throw new FindingSnoozeException("Send exactly one of for (such as 24h) and until (an instant, or null to end the snooze).");
        }

        return request.Until.ValueKind switch
        {
            JsonValueKind.Undefined => FindingSnoozeWindow.EndAfter(request.For, now),
            JsonValueKind.Null => null,
            JsonValueKind.String => FindingSnoozeWindow.EndAt(request.Until.GetString(), now),
            _ => throw new FindingSnoozeException("until: expected an ISO 8601 instant as a string, or null."),
        };
    }

    private static IResult Answer(Finding? finding, string action, AuthenticatedKey caller, ILoggerFactory loggers)
    {
        if (finding is null)
        {
            return ApiProblems.NotFound(NoSuchFinding);
        }

        ServerLog.FindingReviewed(loggers.CreateLogger(typeof(FindingReviewEndpoints)), finding.Id, action, caller.KeyId);
        return TypedResults.Ok(FindingItem.From(finding));
    }
}
