using Outlay.Core.Events;

namespace Outlay.Core.Telemetry;

/// <summary>
/// Maps the spans (or inference log records) of one OTLP export onto usage events: an attribute allow-list,
/// every dialect's names (OpenTelemetry old and new, OpenLLMetry, OpenInference), the secret tripwire on every kept
/// string, one event per model call, and deterministic ids so a re-sent export is counted once. Pure: no I/O.
/// </summary>
public static class GenAiSpanMapper
{
    public static GenAiMappingResult Map(IReadOnlyList<TelemetrySpan> spans, GenAiMappingOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(options);
        var candidates = new List<GenAiCandidate>();
        var rejections = new List<SpanRejection>();
        var ignored = 0;
        foreach (var span in spans)
        {
            var (candidate, rejection) = GenAiSpanReader.Read(span, options, now);
            if (candidate is not null)
            {
                candidates.Add(candidate);
            }
            else if (rejection is not null)
            {
                rejections.Add(rejection);
            }
            else
            {
                ignored++;
            }
        }

        var kept = GenAiDeduplicator.Deduplicate(candidates, spans);
        var events = new List<UsageEvent>(kept.Count);
        foreach (var candidate in kept)
        {
            var id = IdOf(candidate);
            if (id is null)
            {
                rejections.Add(new SpanRejection("span_id: a span needs a trace id and span id, or gen_ai.response.id", null, candidate.Event.Service, candidate.Event.Environment));
                continue;
            }

            events.Add(candidate.Event with { Id = id.Value });
        }

        return new GenAiMappingResult(events, rejections, ignored, candidates.Count - kept.Count);
    }

    private static Guid? IdOf(GenAiCandidate candidate)
    {
        if (candidate.ResponseId is not null)
        {
            return TelemetryEventId.FromResponseId(candidate.ResponseId);
        }

        var span = candidate.Span;
        return span.TraceId is not null && span.SpanId is not null ? TelemetryEventId.FromSpan(span.TraceId, span.SpanId) : null;
    }
}
