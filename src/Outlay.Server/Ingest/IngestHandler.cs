using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Security;
using Outlay.Core.Storage;
using Outlay.Server.Auth;
using Outlay.Server.Http;

namespace Outlay.Server.Ingest;

/// <summary>
/// <c>POST /v1/events</c>: read within limits → parse → environment scope → rate limit → price → append →
/// record findings and client drops → answer. The answer is sent only after the append committed.
/// </summary>
internal sealed class IngestHandler
{
    private const string SecretFindingKind = "secret_in_event";

    private readonly IOutlayStore _store;
    private readonly CostCalculator _calculator;
    private readonly IngestRateLimiter _rateLimiter;
    private readonly StoreWriteGuard _writeGuard;
    private readonly OutlayServerOptions _options;
    private readonly EventLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestHandler> _logger;

    public IngestHandler(
        IOutlayStore store,
        CostCalculator calculator,
        IngestRateLimiter rateLimiter,
        StoreWriteGuard writeGuard,
        OutlayServerOptions options,
        TimeProvider time,
        ILogger<IngestHandler> logger)
    {
        _store = store;
        _calculator = calculator;
        _rateLimiter = rateLimiter;
        _writeGuard = writeGuard;
        _options = options;
        _limits = new EventLimits { MaxEventsPerBatch = options.MaxEventsPerBatch };
        _time = time;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var caller = CallerKey.Get(context);
        var cancellationToken = context.RequestAborted;

        // Refuse an exhausted key before spending any work on its body.
        if (!_rateLimiter.HasAllowance(caller.KeyId, out var retryAfter))
        {
            return ApiProblems.TooManyRequests(context, retryAfter, "This key is sending events faster than its rate limit.");
        }

        // Refuse before reading and parsing when the store's wait line is full: the batch could not be stored anyway.
        if (_writeGuard.IsSaturated)
        {
            return ApiProblems.Unavailable(context, 1, "Too many writes are waiting for the store; retry shortly.");
        }

        var (status, body) = await IngestBodyReader.ReadAsync(context.Request, _options.MaxRequestBodyBytes, _options.MaxDecompressedBytes, cancellationToken).ConfigureAwait(false);
        using (body)
        {
            switch (status)
            {
                case BodyReadStatus.UnsupportedEncoding:
                    return ApiProblems.UnsupportedMediaType("Content-Encoding must be gzip or absent.");
                case BodyReadStatus.TooLarge:
                    return ApiProblems.PayloadTooLarge($"The body must not exceed {_options.MaxRequestBodyBytes} bytes as sent.");
                case BodyReadStatus.DecompressedTooLarge:
                    return ApiProblems.PayloadTooLarge($"The body must not exceed {_options.MaxDecompressedBytes} bytes once decompressed.");
                case BodyReadStatus.InvalidGzip:
                    return ApiProblems.BadRequest("The body is not valid gzip data.");
            }

            return await ProcessAsync(context, caller, body!, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IResult> ProcessAsync(HttpContext context, AuthenticatedKey caller, BodyBuffer body, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        EventBatch batch;
        try
        {
            batch = EventBatchParser.Parse(body.Memory.Span, now, _limits);
        }
        catch (EventBatchFormatException e) when (e.TooManyEvents)
        {
            // Too many events is "too large", not malformed: the SDK answers a 413 by splitting the batch.
            return ApiProblems.PayloadTooLarge(e.Message);
        }
        catch (EventBatchFormatException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }

        var rejected = new List<IngestRejection>(batch.Rejections.Count);
        foreach (var rejection in batch.Rejections)
        {
            rejected.Add(new IngestRejection(rejection.Index, rejection.Id, rejection.Error));
        }

        var priced = new List<PricedEvent>(batch.Events.Count);
        foreach (var parsed in batch.Events)
        {
            var scopeError = EnvironmentScope.Check(caller, parsed.Event.Environment);
            if (scopeError is not null)
            {
                rejected.Add(new IngestRejection(parsed.Index, parsed.Event.Id.ToString(), scopeError));
                continue;
            }

            var e = parsed.Event;
            var cost = _calculator.Calculate(e.Provider, e.Model, e.Usage, e.ServiceTier, e.Timestamp);
            priced.Add(new PricedEvent(e, cost, now));
        }

        if (!_rateLimiter.TryAcquire(caller.KeyId, batch.Events.Count + batch.Rejections.Count, out var retryAfter))
        {
            return ApiProblems.TooManyRequests(context, retryAfter, "This key is sending events faster than its rate limit.");
        }

        var dropped = batch.Dropped is { QueueFull: >= 0, RejectedByServer: >= 0, SendFailed: >= 0 } report
            && (report.QueueFull > 0 || report.RejectedByServer > 0 || report.SendFailed > 0) ? report : null;
        var hasFindings = batch.Rejections.Any(r => r.Secret is not null);
        if (priced.Count == 0 && dropped is null && !hasFindings)
        {
            return Answer(new AppendResult(0, 0), rejected);
        }

        if (!await _writeGuard.TryEnterAsync(cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.Unavailable(context, 1, "Too many writes are waiting for the store; retry shortly.");
        }

        try
        {
            var appended = priced.Count > 0
                ? await _store.AppendEventsAsync(caller.ProjectId, priced, cancellationToken).ConfigureAwait(false)
                : new AppendResult(0, 0);
            if (hasFindings)
            {
                await SecretFindingRecorder.RecordAsync(_store, _logger, caller, SecretFindingKind, batch.Rejections.Select(r => (r.Secret, r.Service, r.Environment)), now, cancellationToken).ConfigureAwait(false);
            }

            // Every event already stored means this is a retry of a batch answered before (the answer was lost on
            // the way): its drop report was recorded then, and counting it again would double the SDK's drops.
            var isRetryOfStoredBatch = priced.Count > 0 && appended.Accepted == 0 && appended.Duplicates == priced.Count;
            if (dropped is not null && !isRetryOfStoredBatch)
            {
                await _store.RecordClientDropsAsync(caller.ProjectId, dropped, cancellationToken).ConfigureAwait(false);
            }

            return Answer(appended, rejected);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Retryable from the client's view: nothing was acknowledged, and event ids make a retry safe.
            ServerLog.AppendFailed(_logger, caller.ProjectId, e.GetType().Name);
            return ApiProblems.Unavailable(context, 1, "The events could not be stored; retry shortly.");
        }
        finally
        {
            _writeGuard.Exit();
        }
    }

    private static IResult Answer(AppendResult appended, List<IngestRejection> rejected)
    {
        rejected.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return TypedResults.Ok(new IngestResponse(appended.Accepted, appended.Duplicates, rejected));
    }
}
