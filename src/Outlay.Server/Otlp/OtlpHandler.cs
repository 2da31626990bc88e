using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Outlay.Core.Pricing;
using Outlay.Core.Security;
using Outlay.Core.Storage;
using Outlay.Core.Telemetry;
using Outlay.Server.Auth;
using Outlay.Server.Http;
using Outlay.Server.Ingest;

namespace Outlay.Server.Otlp;

/// <summary>
/// <c>POST /v1/traces</c> and <c>POST /v1/logs</c>: the ingest pipeline of <see cref="IngestHandler"/> (rate limit →
/// body within limits → decode → map → environment scope → price → write guard → append → findings) with OTLP's
/// encodings and answers. The answer is sent only after the append committed.
/// </summary>
internal sealed class OtlpHandler
{
    private const string SecretFindingKind = "secret_in_span";

    private readonly IOutlayStore _store;
    private readonly CostCalculator _calculator;
    private readonly IngestRateLimiter _rateLimiter;
    private readonly StoreWriteGuard _writeGuard;
    private readonly OutlayServerOptions _options;
    private readonly GenAiMappingOptions _mapping;
    private readonly TimeProvider _time;
    private readonly ILogger<OtlpHandler> _logger;

    public OtlpHandler(
        IOutlayStore store,
        CostCalculator calculator,
        IngestRateLimiter rateLimiter,
        StoreWriteGuard writeGuard,
        OutlayServerOptions options,
        TimeProvider time,
        ILogger<OtlpHandler> logger)
    {
        _store = store;
        _calculator = calculator;
        _rateLimiter = rateLimiter;
        _writeGuard = writeGuard;
        _options = options;
        _mapping = new GenAiMappingOptions(options.OtlpTagAttributes.AsReadOnly());
        _time = time;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(HttpContext context, OtlpSignal signal)
    {
        var caller = CallerKey.Get(context);
        var cancellationToken = context.RequestAborted;
        if (!_rateLimiter.HasAllowance(caller.KeyId, out var retryAfter))
        {
            return ApiProblems.TooManyRequests(context, retryAfter, "This key is sending events faster than its rate limit.");
        }

        var encoding = OtlpContentType.Parse(context.Request.ContentType);
        if (encoding == OtlpEncoding.Unsupported)
        {
            return ApiProblems.UnsupportedMediaType("Content-Type must be application/x-protobuf or application/json.");
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

            List<TelemetrySpan> spans;
            try
            {
                spans = Decode(body!.Memory, encoding, signal);
            }
            catch (OtlpFormatException e)
            {
                return ApiProblems.BadRequest(e.Message);
            }

            return await ProcessAsync(context, caller, spans, encoding, signal, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<TelemetrySpan> Decode(ReadOnlyMemory<byte> body, OtlpEncoding encoding, OtlpSignal signal) => (encoding, signal) switch
    {
        (OtlpEncoding.Protobuf, OtlpSignal.Traces) => OtlpProtobufDecoder.DecodeTraces(body.Span, _mapping),
        (OtlpEncoding.Protobuf, OtlpSignal.Logs) => OtlpProtobufDecoder.DecodeLogs(body.Span, _mapping),
        (OtlpEncoding.Json, OtlpSignal.Traces) => OtlpJsonDecoder.DecodeTraces(body, _mapping),
        _ => OtlpJsonDecoder.DecodeLogs(body, _mapping),
    };

    private async Task<IResult> ProcessAsync(
        HttpContext context, AuthenticatedKey caller, List<TelemetrySpan> spans, OtlpEncoding encoding, OtlpSignal signal, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var mapped = GenAiSpanMapper.Map(spans, _mapping, now);
        var errors = new List<string>(mapped.Rejections.Count);
        foreach (var rejection in mapped.Rejections)
        {
            errors.Add(rejection.Error);
        }

        var priced = new List<PricedEvent>(mapped.Events.Count);
        foreach (var e in mapped.Events)
        {
            if (EnvironmentScope.Check(caller, e.Environment) is { } scopeError)
            {
                errors.Add(scopeError);
                continue;
            }

            priced.Add(new PricedEvent(e, _calculator.Calculate(e.Provider, e.Model, e.Usage, e.ServiceTier, e.Timestamp), now));
        }

        var counted = mapped.Events.Count + mapped.Rejections.Count;
        if (counted > 0 && !_rateLimiter.TryAcquire(caller.KeyId, counted, out var retryAfter))
        {
            return ApiProblems.TooManyRequests(context, retryAfter, "This key is sending events faster than its rate limit.");
        }

        var hasFindings = mapped.Rejections.Any(r => r.Secret is not null);
        if (priced.Count == 0 && !hasFindings)
        {
            return Answer(encoding, signal, errors);
        }

        if (!await _writeGuard.TryEnterAsync(cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.Unavailable(context, 1, "Too many writes are waiting for the store; retry shortly.");
        }

        try
        {
            if (priced.Count > 0)
            {
                await _store.AppendEventsAsync(caller.ProjectId, priced, DuplicatePolicy.KeepRicher, cancellationToken).ConfigureAwait(false);
            }

            if (hasFindings)
            {
                await SecretFindingRecorder.RecordAsync(_store, _logger, caller, SecretFindingKind, mapped.Rejections.Select(r => (r.Secret, r.Service, r.Environment)), now, cancellationToken).ConfigureAwait(false);
            }

            return Answer(encoding, signal, errors);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Retryable from the exporter's view: nothing was acknowledged, and deterministic ids make a retry safe.
            ServerLog.AppendFailed(_logger, caller.ProjectId, e.GetType().Name);
            return ApiProblems.Unavailable(context, 1, "The spans could not be stored; retry shortly.");
        }
        finally
        {
            _writeGuard.Exit();
        }
    }

    private static IResult Answer(OtlpEncoding encoding, OtlpSignal signal, List<string> errors)
    {
        var message = errors.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{errors.Count} refused; first: {errors[0]}");
        var body = OtlpExportResponse.Encode(encoding, signal, errors.Count, message);
        return TypedResults.Bytes(body, encoding == OtlpEncoding.Json ? OtlpContentType.Json : OtlpContentType.Protobuf);
    }
}
