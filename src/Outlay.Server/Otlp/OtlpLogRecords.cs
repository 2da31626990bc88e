using Outlay.Core.Telemetry;

namespace Outlay.Server.Otlp;

/// <summary>
/// Turns a <c>gen_ai.client.inference.operation.details</c> log record into a span for the mapping: its allow-listed
/// usage attributes, the ids of the span it was emitted in (so span and record of one call share an event id), and its
/// time. Every other log record is ignored; a record's body is never read.
/// </summary>
internal static class OtlpLogRecords
{
    public static TelemetrySpan? ToSpan(
        string? eventName,
        Dictionary<string, TelemetryValue> attributes,
        string? traceId,
        string? spanId,
        ulong timeUnixNano,
        ulong observedUnixNano)
    {
        var name = eventName;
        if (string.IsNullOrEmpty(name) && attributes.TryGetValue(GenAiAttributes.EventName, out var attribute))
        {
            name = attribute.Text;
        }

        if (!string.Equals(name, GenAiAttributes.InferenceDetailsEvent, StringComparison.Ordinal))
        {
            return null;
        }

        return new TelemetrySpan
        {
            TraceId = traceId,
            SpanId = spanId,
            EndUnixNano = timeUnixNano != 0 ? timeUnixNano : observedUnixNano,
            Attributes = attributes,
        };
    }
}
