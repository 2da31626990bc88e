using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Outlay.Core.Keys;
using Outlay.Core.Reconciliation;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;
using Outlay.Server.Ingest;

namespace Outlay.Server.Reconciliation;

/// <summary>Maps <c>POST /api/v1/provider-usage/import</c>: a provider's usage export, stored and reconciled (admin keys only).</summary>
internal static class ProviderUsageImportEndpoints
{
    /// <summary>Time allowed for one import (a 50 MB upload and its reconciliation): 5 minutes.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapProviderUsageImportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/provider-usage/import", ImportAsync)
            .WithName("ImportProviderUsage")
            .WithTags("Reconciliation")
            .WithSummary("Import a provider usage export (?format=openai|anthropic|csv, recognised when omitted; ?provider= checks it), at most 50 MB; then reconcile the days it covers.")
            .Produces<UsageImportResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireKey(ApiKeyKind.Admin)
            .WithRequestTimeout(Timeout);
        return routes;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, IOutlayStore store, TimeProvider time, ILoggerFactory loggers, string? format, string? provider)
    {
        var caller = CallerKey.Get(context);
        if (format is not null && !UsageImportFormats.All.Contains(format, StringComparer.Ordinal))
        {
            return ApiProblems.BadRequest($"format must be one of {string.Join(", ", UsageImportFormats.All)}, or omitted to recognise the file.");
        }

        string? expectedProvider = null;
        if (provider is not null)
        {
            expectedProvider = ProviderKeyMappingRules.Provider(provider, out var providerError);
            if (providerError is not null)
            {
                return ApiProblems.BadRequest(providerError);
            }
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (!string.IsNullOrWhiteSpace(encoding) && !string.Equals(encoding.Trim(), "identity", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.UnsupportedMediaType("Send the file uncompressed (no Content-Encoding).");
        }

        var (body, tooLarge) = await ReadBodyAsync(context).ConfigureAwait(false);
        if (tooLarge)
        {
            return ApiProblems.PayloadTooLarge($"The file must not exceed {UsageImportLimits.MaxBytes / (1024 * 1024)} MB.");
        }

        var now = time.GetUtcNow();
        ProviderUsageImport import;
        try
        {
            import = ProviderUsageImporter.Read(body, format, now);
        }
        catch (UsageImportException e)
        {
            // The reader's messages name a line and field (or a JSON path) and never repeat a value.
            return ApiProblems.BadRequest(e.Message);
        }

        if (expectedProvider is not null && import.Records.FirstOrDefault(r => r.Provider != expectedProvider) is { } other)
        {
            return ApiProblems.BadRequest($"provider is {expectedProvider}, but the file holds usage of {Shorten(other.Provider)}.");
        }

        var logger = loggers.CreateLogger(typeof(ProviderUsageImportEndpoints));
        var outcome = await UsageReconciliation.StoreAndReconcileAsync(store, caller.ProjectId, import.Records, now, logger, context.RequestAborted).ConfigureAwait(false);
        ServerLog.ReconciliationImported(logger, outcome.Records, import.Format, caller.ProjectId, outcome.Days.Count, outcome.NewFindings);
        var response = new UsageImportResponse(
            import.Format,
            import.RowsRead,
            outcome.Records,
            outcome.Stored,
            outcome.Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            outcome.UntrackedUsage,
            outcome.NewFindings);
        return TypedResults.Json(response, ReconciliationJsonContext.Default.UsageImportResponse);
    }

    /// <summary>The whole body, or too large: Content-Length is checked first and the stream is counted as well.</summary>
    private static async Task<(byte[] Body, bool TooLarge)> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > UsageImportLimits.MaxBytes)
        {
            return ([], true);
        }

        // The server-wide body limit is sized for ingest batches; this endpoint alone takes a provider's export.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = UsageImportLimits.MaxBytes + 1L;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 64 * 1024);
        try
        {
            await using var limited = new LengthLimitedStream(request.Body, UsageImportLimits.MaxBytes);
            await limited.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return ([], true);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], true);
        }

        return (buffer.ToArray(), false);
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
