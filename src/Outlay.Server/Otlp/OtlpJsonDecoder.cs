using System.Globalization;
using System.Text.Json;
using Outlay.Core.Telemetry;

namespace Outlay.Server.Otlp;

/// <summary>
/// Decodes OTLP/JSON (lowerCamelCase keys, hex trace and span ids, 64-bit integers as strings or numbers, enums as
/// integers) into <see cref="TelemetrySpan"/>s holding only allow-listed attributes. Values of other attributes, log
/// bodies and span names are never turned into strings.
/// </summary>
internal static class OtlpJsonDecoder
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static List<TelemetrySpan> DecodeTraces(ReadOnlyMemory<byte> body, GenAiMappingOptions options) =>
        RefusingInvalidText(() => ReadTraces(body, options));

    public static List<TelemetrySpan> DecodeLogs(ReadOnlyMemory<byte> body, GenAiMappingOptions options) =>
        RefusingInvalidText(() => ReadLogs(body, options));

    /// <summary>
    /// JsonDocument checks syntax but not the text inside strings: reading a string that is not valid UTF-8, or holds
    /// an unpaired surrogate escape, throws InvalidOperationException, which is the sender's error (400), not ours.
    /// </summary>
    private static List<TelemetrySpan> RefusingInvalidText(Func<List<TelemetrySpan>> decode)
    {
        try
        {
            return decode();
        }
        catch (InvalidOperationException e)
        {
            // The exception text may quote input, so it is not passed on.
            throw new OtlpFormatException("OTLP/JSON: a string is not valid UTF-8 or holds an unpaired surrogate escape.", e);
        }
    }

    private static List<TelemetrySpan> ReadTraces(ReadOnlyMemory<byte> body, GenAiMappingOptions options)
    {
        using var document = Parse(body);
        var spans = new List<TelemetrySpan>();
        foreach (var resourceSpans in Array(document.RootElement, "resourceSpans"))
        {
            var first = spans.Count;
            foreach (var scopeSpans in Array(resourceSpans, "scopeSpans"))
            {
                foreach (var span in Array(scopeSpans, "spans"))
                {
                    OtlpLimits.CheckRecordCount(spans.Count);
                    spans.Add(ReadSpan(span, options));
                }
            }

            OtlpProtobufDecoder.AttachResource(spans, first, ReadResource(resourceSpans, options));
        }

        return spans;
    }

    private static List<TelemetrySpan> ReadLogs(ReadOnlyMemory<byte> body, GenAiMappingOptions options)
    {
        using var document = Parse(body);
        var records = new List<TelemetrySpan>();
        var seen = 0;
        foreach (var resourceLogs in Array(document.RootElement, "resourceLogs"))
        {
            var first = records.Count;
            foreach (var scopeLogs in Array(resourceLogs, "scopeLogs"))
            {
                foreach (var record in Array(scopeLogs, "logRecords"))
                {
                    OtlpLimits.CheckRecordCount(seen++);
                    var attributes = ReadAttributes(record, options.KeptSpanAttributes);
                    var span = OtlpLogRecords.ToSpan(
                        OptionalString(record, "eventName"),
                        attributes,
                        Id(record, "traceId", 16),
                        Id(record, "spanId", 8),
                        UInt64(record, "timeUnixNano"),
                        UInt64(record, "observedTimeUnixNano"));
                    if (span is not null)
                    {
                        records.Add(span);
                    }
                }
            }

            OtlpProtobufDecoder.AttachResource(records, first, ReadResource(resourceLogs, options));
        }

        return records;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            var document = JsonDocument.Parse(body, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new OtlpFormatException("OTLP/JSON: the body must be a JSON object.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new OtlpFormatException("OTLP/JSON: the body is not valid JSON.", e);
        }
    }

    private static TelemetrySpan ReadSpan(JsonElement span, GenAiMappingOptions options)
    {
        var isError = false;
        if (Object(span, "status") is { } status && status.TryGetProperty("code", out var code))
        {
            isError = code.ValueKind switch
            {
                JsonValueKind.Number => code.TryGetInt32(out var number) && number == 2,
                JsonValueKind.String => code.ValueEquals("STATUS_CODE_ERROR"),
                _ => throw new OtlpFormatException("OTLP/JSON: status.code must be an integer."),
            };
        }

        return new TelemetrySpan
        {
            TraceId = Id(span, "traceId", 16),
            SpanId = Id(span, "spanId", 8),
            ParentSpanId = Id(span, "parentSpanId", 8),
            StartUnixNano = UInt64(span, "startTimeUnixNano"),
            EndUnixNano = UInt64(span, "endTimeUnixNano"),
            StatusIsError = isError,
            Attributes = ReadAttributes(span, options.KeptSpanAttributes),
        };
    }

    private static Dictionary<string, TelemetryValue> ReadResource(JsonElement parent, GenAiMappingOptions options) =>
        Object(parent, "resource") is { } resource
            ? ReadAttributes(resource, options.KeptResourceAttributes)
            : new Dictionary<string, TelemetryValue>(StringComparer.Ordinal);

    private static Dictionary<string, TelemetryValue> ReadAttributes(JsonElement parent, IReadOnlySet<string> kept)
    {
        var attributes = new Dictionary<string, TelemetryValue>(StringComparer.Ordinal);
        foreach (var pair in Array(parent, "attributes"))
        {
            if (pair.ValueKind != JsonValueKind.Object || !pair.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
            {
                throw new OtlpFormatException("OTLP/JSON: an attribute needs a string key.");
            }

            var name = key.GetString()!;
            if (kept.Contains(name) && Object(pair, "value") is { } value)
            {
                attributes[name] = ReadAnyValue(value);
            }
        }

        return attributes;
    }

    private static TelemetryValue ReadAnyValue(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "stringValue" when v.ValueKind == JsonValueKind.String:
                    return TelemetryValue.FromString(v.GetString()!);
                case "boolValue" when v.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    return TelemetryValue.FromBoolean(v.GetBoolean());
                case "intValue":
                    return TelemetryValue.FromInteger(Int64(v));
                case "doubleValue" when v.ValueKind == JsonValueKind.Number:
                    return TelemetryValue.FromDouble(v.GetDouble());
                case "stringValue" or "boolValue" or "doubleValue":
                    throw new OtlpFormatException($"OTLP/JSON: {property.Name} has the wrong type.");
                default:
                    break;
            }
        }

        return TelemetryValue.Other;
    }

    private static long Int64(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new OtlpFormatException("OTLP/JSON: intValue must be a 64-bit integer (a string or a number).");
    }

    private static ulong UInt64(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new OtlpFormatException($"OTLP/JSON: {name} must be an unsigned 64-bit integer.");
    }

    private static string? Id(JsonElement parent, string name, int byteLength)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new OtlpFormatException($"OTLP/JSON: {name} must be a hex string.");
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length != byteLength * 2 || !text.All(char.IsAsciiHexDigit))
        {
            throw new OtlpFormatException($"OTLP/JSON: {name} must be {byteLength * 2} hex digits.");
        }

        return text.AsSpan().ContainsAnyExcept('0') ? Convert.ToHexStringLower(Convert.FromHexString(text)) : null;
    }

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Object(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw new OtlpFormatException($"OTLP/JSON: {name} must be an object.");
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw new OtlpFormatException($"OTLP/JSON: the parent of {name} must be an object.");
        }

        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new OtlpFormatException($"OTLP/JSON: {name} must be an array.");
    }
}
