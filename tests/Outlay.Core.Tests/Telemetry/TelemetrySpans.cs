using Outlay.Core.Telemetry;

namespace Outlay.Core.Tests.Telemetry;

/// <summary>Builds decoded spans for mapping tests.</summary>
internal static class TelemetrySpans
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TelemetrySpan Span(params (string Key, object Value)[] attributes) => Span("t1", "s1", null, attributes);

    public static TelemetrySpan Span(string traceId, string spanId, string? parentSpanId, params (string Key, object Value)[] attributes) => new()
    {
        TraceId = traceId,
        SpanId = spanId,
        ParentSpanId = parentSpanId,
        StartUnixNano = UnixNano(Now.AddSeconds(-61)),
        EndUnixNano = UnixNano(Now.AddSeconds(-60)),
        Attributes = attributes.ToDictionary(a => a.Key, a => Value(a.Value), StringComparer.Ordinal),
        ResourceAttributes = new Dictionary<string, TelemetryValue>(StringComparer.Ordinal) { ["service.name"] = TelemetryValue.FromString("svc") },
    };

    /// <summary>A chat span of openai/gpt-4o with input 1000 and output 200, plus <paramref name="extra"/>.</summary>
    public static (string, object)[] Chat(params (string Key, object Value)[] extra) =>
    [
        ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "gpt-4o"),
        ("gen_ai.usage.input_tokens", 1000L), ("gen_ai.usage.output_tokens", 200L), .. extra,
    ];

    public static TelemetryValue Value(object value) => value switch
    {
        string s => TelemetryValue.FromString(s),
        long l => TelemetryValue.FromInteger(l),
        int i => TelemetryValue.FromInteger(i),
        double d => TelemetryValue.FromDouble(d),
        bool b => TelemetryValue.FromBoolean(b),
        _ => TelemetryValue.Other,
    };

    public static ulong UnixNano(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static GenAiMappingResult Map(params TelemetrySpan[] spans) => GenAiSpanMapper.Map(spans, new GenAiMappingOptions(), Now);

    /// <summary>Maps one span and returns its single event.</summary>
    public static Core.Events.UsageEvent Single(params (string Key, object Value)[] attributes)
    {
        var result = Map(Span(attributes));
        Assert.Empty(result.Rejections);
        return Assert.Single(result.Events);
    }
}
