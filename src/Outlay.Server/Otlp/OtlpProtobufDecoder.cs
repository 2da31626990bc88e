using Outlay.Core.Telemetry;

namespace Outlay.Server.Otlp;

/// <summary>
/// Decodes <c>ExportTraceServiceRequest</c> and <c>ExportLogsServiceRequest</c> (opentelemetry-proto v1) into
/// <see cref="TelemetrySpan"/>s holding only allow-listed attributes. Unknown fields are skipped; the nesting is fixed
/// by the schema (values are not descended into), and the number of records is capped.
/// </summary>
internal static class OtlpProtobufDecoder
{
    private delegate void ScopeReader(ReadOnlySpan<byte> scope, List<TelemetrySpan> records);

    public static List<TelemetrySpan> DecodeTraces(ReadOnlySpan<byte> body, GenAiMappingOptions options) =>
        DecodeResourceContainers(body, options, (scope, spans) => ReadScopeSpans(scope, options, spans));

    public static List<TelemetrySpan> DecodeLogs(ReadOnlySpan<byte> body, GenAiMappingOptions options)
    {
        var seen = 0;
        return DecodeResourceContainers(body, options, (scope, records) => ReadScopeLogs(scope, options, records, ref seen));
    }

    /// <summary>
    /// Reads the repeated field 1 of an export request — ResourceSpans or ResourceLogs, each with 1 resource and
    /// 2 scope containers — handing every scope container to <paramref name="readScope"/>.
    /// </summary>
    private static List<TelemetrySpan> DecodeResourceContainers(ReadOnlySpan<byte> body, GenAiMappingOptions options, ScopeReader readScope)
    {
        var records = new List<TelemetrySpan>();
        var request = new ProtobufReader(body);
        while (!request.AtEnd)
        {
            var (field, wireType) = request.ReadTag();
            if (field != 1)
            {
                request.Skip(wireType);
                continue;
            }

            var container = new ProtobufReader(request.ReadBytes(wireType));
            var resource = EmptyAttributes;
            var first = records.Count;
            while (!container.AtEnd)
            {
                var (inner, innerType) = container.ReadTag();
                if (inner == 1)
                {
                    resource = ReadResource(container.ReadBytes(innerType), options);
                }
                else if (inner == 2)
                {
                    readScope(container.ReadBytes(innerType), records);
                }
                else
                {
                    container.Skip(innerType);
                }
            }

            // The resource may follow its records on the wire; attach it once the message is read.
            AttachResource(records, first, resource);
        }

        return records;
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> message, GenAiMappingOptions options, List<TelemetrySpan> spans)
    {
        // ScopeSpans: 1 scope (not needed), 2 spans.
        var reader = new ProtobufReader(message);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 2)
            {
                OtlpLimits.CheckRecordCount(spans.Count);
                spans.Add(ReadSpan(reader.ReadBytes(wireType), options));
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    private static TelemetrySpan ReadSpan(ReadOnlySpan<byte> message, GenAiMappingOptions options)
    {
        // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 7 start, 8 end (fixed64), 9 attributes, 15 status.
        var reader = new ProtobufReader(message);
        var attributes = new Dictionary<string, TelemetryValue>(StringComparer.Ordinal);
        string? traceId = null, spanId = null, parentId = null;
        ulong start = 0, end = 0;
        var isError = false;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    traceId = ProtobufAttributes.DecodeId(reader.ReadBytes(wireType), 16);
                    break;
                case 2:
                    spanId = ProtobufAttributes.DecodeId(reader.ReadBytes(wireType), 8);
                    break;
                case 4:
                    parentId = ProtobufAttributes.DecodeId(reader.ReadBytes(wireType), 8);
                    break;
                case 7:
                    start = reader.ReadFixed64(wireType);
                    break;
                case 8:
                    end = reader.ReadFixed64(wireType);
                    break;
                case 9:
                    ProtobufAttributes.ReadKeyValue(reader.ReadBytes(wireType), options.KeptSpanAttributes, attributes);
                    break;
                case 15:
                    isError = ReadStatusIsError(reader.ReadBytes(wireType));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new TelemetrySpan
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parentId,
            StartUnixNano = start,
            EndUnixNano = end,
            StatusIsError = isError,
            Attributes = attributes,
        };
    }

    private static bool ReadStatusIsError(ReadOnlySpan<byte> message)
    {
        // Status: 2 message (skipped, free text), 3 code (2 = ERROR).
        var reader = new ProtobufReader(message);
        var code = 0UL;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 3)
            {
                code = reader.ReadVarint(wireType);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return code == 2;
    }

    private static void ReadScopeLogs(ReadOnlySpan<byte> message, GenAiMappingOptions options, List<TelemetrySpan> records, ref int seen)
    {
        // ScopeLogs: 1 scope (not needed), 2 log_records.
        var reader = new ProtobufReader(message);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 2)
            {
                OtlpLimits.CheckRecordCount(seen++);
                if (ReadLogRecord(reader.ReadBytes(wireType), options) is { } record)
                {
                    records.Add(record);
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    /// <summary>An inference details log record as a span; null for every other log record. The body (field 5) is never read.</summary>
    private static TelemetrySpan? ReadLogRecord(ReadOnlySpan<byte> message, GenAiMappingOptions options)
    {
        // LogRecord: 1 time, 11 observed time (fixed64), 6 attributes, 9 trace_id, 10 span_id, 12 event_name.
        var reader = new ProtobufReader(message);
        var attributes = new Dictionary<string, TelemetryValue>(StringComparer.Ordinal);
        string? traceId = null, spanId = null, eventName = null;
        ulong time = 0, observed = 0;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    time = reader.ReadFixed64(wireType);
                    break;
                case 11:
                    observed = reader.ReadFixed64(wireType);
                    break;
                case 6:
                    ProtobufAttributes.ReadKeyValue(reader.ReadBytes(wireType), options.KeptSpanAttributes, attributes);
                    break;
                case 9:
                    traceId = ProtobufAttributes.DecodeId(reader.ReadBytes(wireType), 16);
                    break;
                case 10:
                    spanId = ProtobufAttributes.DecodeId(reader.ReadBytes(wireType), 8);
                    break;
                case 12:
                    var name = reader.ReadBytes(wireType);
                    eventName = name.Length <= 256 ? ProtobufAttributes.DecodeString(name) : null;
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return OtlpLogRecords.ToSpan(eventName, attributes, traceId, spanId, time, observed);
    }

    private static Dictionary<string, TelemetryValue> ReadResource(ReadOnlySpan<byte> message, GenAiMappingOptions options)
    {
        // Resource: 1 attributes.
        var attributes = new Dictionary<string, TelemetryValue>(StringComparer.Ordinal);
        var reader = new ProtobufReader(message);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1)
            {
                ProtobufAttributes.ReadKeyValue(reader.ReadBytes(wireType), options.KeptResourceAttributes, attributes);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return attributes;
    }

    /// <summary>Gives the spans read from one resource message (from <paramref name="first"/> on) that resource's attributes.</summary>
    public static void AttachResource(List<TelemetrySpan> spans, int first, Dictionary<string, TelemetryValue> resource)
    {
        for (var i = first; i < spans.Count; i++)
        {
            spans[i] = spans[i] with { ResourceAttributes = resource };
        }
    }

    private static readonly Dictionary<string, TelemetryValue> EmptyAttributes = new(StringComparer.Ordinal);
}
