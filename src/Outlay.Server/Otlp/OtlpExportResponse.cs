using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Outlay.Server.Otlp;

/// <summary>
/// Encodes <c>ExportTraceServiceResponse</c> / <c>ExportLogsServiceResponse</c>: empty on full success, otherwise
/// <c>partial_success { rejected_spans | rejected_log_records = 1, error_message = 2 }</c> (field 1).
/// </summary>
internal static class OtlpExportResponse
{
    public static byte[] Encode(OtlpEncoding encoding, OtlpSignal signal, long rejected, string? errorMessage) =>
        encoding == OtlpEncoding.Json ? EncodeJson(signal, rejected, errorMessage) : EncodeProtobuf(rejected, errorMessage);

    private static byte[] EncodeProtobuf(long rejected, string? errorMessage)
    {
        if (rejected == 0)
        {
            return [];
        }

        var inner = new ArrayBufferWriter<byte>();
        WriteTag(inner, 1, 0);
        WriteVarint(inner, (ulong)rejected);
        if (!string.IsNullOrEmpty(errorMessage))
        {
            var text = Encoding.UTF8.GetBytes(errorMessage);
            WriteTag(inner, 2, 2);
            WriteVarint(inner, (ulong)text.Length);
            inner.Write(text);
        }

        var outer = new ArrayBufferWriter<byte>();
        WriteTag(outer, 1, 2);
        WriteVarint(outer, (ulong)inner.WrittenCount);
        outer.Write(inner.WrittenSpan);
        return outer.WrittenSpan.ToArray();
    }

    private static byte[] EncodeJson(OtlpSignal signal, long rejected, string? errorMessage)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (rejected > 0)
            {
                writer.WriteStartObject("partialSuccess");
                writer.WriteNumber(signal == OtlpSignal.Logs ? "rejectedLogRecords" : "rejectedSpans", rejected);
                writer.WriteString("errorMessage", errorMessage ?? string.Empty);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTag(ArrayBufferWriter<byte> writer, int field, int wireType) => WriteVarint(writer, (ulong)((field << 3) | wireType));

    private static void WriteVarint(ArrayBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        writer.Advance(length);
    }
}
