using System.Buffers.Binary;
using System.Text;

namespace Outlay.Server.Tests.Otlp;

/// <summary>
/// Writes OTLP protobuf export requests for tests, independently of the server's reader: just enough of
/// opentelemetry-proto (trace and logs) to send GenAI spans and log records with string and integer attributes.
/// </summary>
internal static class OtlpProtobufWriter
{
    public static byte[] Traces(IReadOnlyList<(string Key, object Value)> resource, params byte[][] spans)
    {
        var scopeSpans = Concat(spans.Select(s => LengthDelimited(2, s)).ToArray());
        var resourceSpans = Concat(LengthDelimited(1, Resource(resource)), LengthDelimited(2, scopeSpans));
        return LengthDelimited(1, resourceSpans);
    }

    public static byte[] Logs(IReadOnlyList<(string Key, object Value)> resource, params byte[][] records)
    {
        var scopeLogs = Concat(records.Select(r => LengthDelimited(2, r)).ToArray());
        var resourceLogs = Concat(LengthDelimited(1, Resource(resource)), LengthDelimited(2, scopeLogs));
        return LengthDelimited(1, resourceLogs);
    }

    public static byte[] Span(byte[] traceId, byte[] spanId, DateTimeOffset end, bool error, params (string Key, object Value)[] attributes)
    {
        var parts = new List<byte[]>
        {
            LengthDelimited(1, traceId),
            LengthDelimited(2, spanId),
            LengthDelimited(5, "chat"u8.ToArray()),
            Varint(6, 3),
            Fixed64(7, UnixNano(end.AddMilliseconds(-500))),
            Fixed64(8, UnixNano(end)),
        };
        parts.AddRange(attributes.Select(a => LengthDelimited(9, KeyValue(a.Key, a.Value))));
        if (error)
        {
            parts.Add(LengthDelimited(15, Concat(LengthDelimited(2, "boom"u8.ToArray()), Varint(3, 2))));
        }

        return Concat([.. parts]);
    }

    public static byte[] LogRecord(byte[] traceId, byte[] spanId, DateTimeOffset time, string eventName, string body, params (string Key, object Value)[] attributes)
    {
        var parts = new List<byte[]>
        {
            Fixed64(1, UnixNano(time)),
            LengthDelimited(5, AnyValue(body)),
            LengthDelimited(9, traceId),
            LengthDelimited(10, spanId),
            LengthDelimited(12, Encoding.UTF8.GetBytes(eventName)),
        };
        parts.AddRange(attributes.Select(a => LengthDelimited(6, KeyValue(a.Key, a.Value))));
        return Concat([.. parts]);
    }

    private static byte[] Resource(IReadOnlyList<(string Key, object Value)> attributes) =>
        Concat(attributes.Select(a => LengthDelimited(1, KeyValue(a.Key, a.Value))).ToArray());

    private static byte[] KeyValue(string key, object value) =>
        Concat(LengthDelimited(1, Encoding.UTF8.GetBytes(key)), LengthDelimited(2, AnyValue(value)));

    private static byte[] AnyValue(object value) => value switch
    {
        string s => LengthDelimited(1, Encoding.UTF8.GetBytes(s)),
        long l => Varint(3, unchecked((ulong)l)),
        int i => Varint(3, unchecked((ulong)(long)i)),
        string[] array => LengthDelimited(5, Concat(array.Select(s => LengthDelimited(1, AnyValue(s))).ToArray())),
        _ => throw new ArgumentException("unsupported value", nameof(value)),
    };

    private static ulong UnixNano(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static byte[] LengthDelimited(int field, byte[] payload) => Concat(Tag(field, 2), VarintBytes((ulong)payload.Length), payload);

    private static byte[] Varint(int field, ulong value) => Concat(Tag(field, 0), VarintBytes(value));

    private static byte[] Fixed64(int field, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Concat(Tag(field, 1), bytes);
    }

    private static byte[] Tag(int field, int wireType) => VarintBytes((ulong)((field << 3) | wireType));

    private static byte[] VarintBytes(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
