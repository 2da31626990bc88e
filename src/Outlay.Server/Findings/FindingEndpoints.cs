using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Findings;

/// <summary>Maps the findings list (read or admin keys, own project only).</summary>
internal static class FindingEndpoints
{
    /// <summary>Findings listed when no limit is given: 200.</summary>
    public const int DefaultLimit = 200;

    /// <summary>Longest <c>key_label</c> filter: 512 characters.</summary>
    public const int MaxKeyLabelLength = 512;

    public static IEndpointRouteBuilder MapFindingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/findings", ListAsync)
            .WithName("ListFindings")
            .WithTags("Security")
            .WithSummary(
                "Findings of the key's project, latest seen first: what, where, expected vs observed, occurrences and review. "
                + "Optional status (open|acknowledged), kind, key_label and limit (1–1000, default 200). Never a secret value.")
            .Produces<FindingListResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireKey(ApiKeyKind.Read, ApiKeyKind.Admin);
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IOutlayStore store)
    {
        var caller = CallerKey.Get(context);
        var (query, problem) = ParseQuery(context.Request.Query);
        if (query is null)
        {
            return ApiProblems.BadRequest(problem!);
        }

        var findings = await store.ListFindingsAsync(caller.ProjectId, query, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new FindingListResponse(findings.Select(FindingItem.From).ToList()));
    }

    /// <summary>The list query from the request's query string, or the reason it is refused.</summary>
    internal static (FindingQuery? Query, string? Problem) ParseQuery(IQueryCollection parameters)
    {
        FindingStatus? status = null;
        if (Single(parameters, "status", out var statusText) is { } statusProblem)
        {
            return (null, statusProblem);
        }

        if (statusText is not null)
        {
            status = statusText switch
            {
                "open" => FindingStatus.Open,
                "acknowledged" => FindingStatus.Acknowledged,
                _ => null,
            };
            if (status is null)
            {
                return (null, "status must be open or acknowledged.");
            }
        }

        if (Single(parameters, "kind", out var kind) is { } kindProblem)
        {
            return (null, kindProblem);
        }

        if (kind is not null && !FindingKinds.IsKnown(kind))
        {
            return (null, $"kind must be one of {string.Join(", ", FindingKinds.All)}.");
        }

        if (Single(parameters, "key_label", out var keyLabel) is { } labelProblem)
        {
            return (null, labelProblem);
        }

        if (keyLabel is not null && (keyLabel.Length == 0 || keyLabel.Length > MaxKeyLabelLength))
        {
            return (null, $"key_label must be 1 to {MaxKeyLabelLength} characters.");
        }

        if (Single(parameters, "limit", out var limitText) is { } limitProblem)
        {
            return (null, limitProblem);
        }

        var limit = DefaultLimit;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > FindingQuery.MaxLimit))
        {
            return (null, $"limit must be one whole number from 1 to {FindingQuery.MaxLimit}.");
        }

        return (new FindingQuery(status, kind, keyLabel, limit), null);
    }

    private static string? Single(IQueryCollection parameters, string name, out string? value)
    {
        value = null;
        var values = parameters[name];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            return $"{name} may be given once.";
        }

        value = values[0] ?? "";
        return null;
    }
}
