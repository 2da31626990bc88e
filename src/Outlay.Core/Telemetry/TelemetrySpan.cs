namespace Outlay.Core.Telemetry;

/// <summary>
/// A span (or a GenAI inference log record) as decoded from an OTLP export, holding only allow-listed attributes.
/// Ids are lower-case hex; times are Unix nanoseconds (0 = unset).
/// </summary>
public sealed record TelemetrySpan
{
    public string? TraceId { get; init; }

    public string? SpanId { get; init; }

    public string? ParentSpanId { get; init; }

    public ulong StartUnixNano { get; init; }

    public ulong EndUnixNano { get; init; }

    /// <summary>Whether the span status code was ERROR.</summary>
    public bool StatusIsError { get; init; }

    /// <summary>Allow-listed span (or log record) attributes.</summary>
    public IReadOnlyDictionary<string, TelemetryValue> Attributes { get; init; } = Empty;

    /// <summary>Allow-listed resource attributes (service, environment, instance).</summary>
    public IReadOnlyDictionary<string, TelemetryValue> ResourceAttributes { get; init; } = Empty;

    private static readonly IReadOnlyDictionary<string, TelemetryValue> Empty = new Dictionary<string, TelemetryValue>(0, StringComparer.Ordinal);
}
