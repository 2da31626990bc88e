using System.Text;
using Outlay.Core.Telemetry;

namespace Outlay.Server.Otlp;

/// <summary>
/// Decodes OTLP <c>KeyValue</c>/<c>AnyValue</c> messages. Only allow-listed keys have their value decoded; every other
/// value (message content first) is skipped as raw bytes and never becomes a string.
/// </summary>
internal static class ProtobufAttributes
{
    /// <summary>Attribute names longer than this are not on any allow-list and are skipped undecoded.</summary>
    private const int MaxKeyBytes = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads one <c>KeyValue</c>; adds it to <paramref name="into"/> when its key is in <paramref name="kept"/>.</summary>
    public static void ReadKeyValue(ReadOnlySpan<byte> message, IReadOnlySet<string> kept, Dictionary<string, TelemetryValue> into)
    {
        var reader = new ProtobufReader(message);
        string? key = null;
        var value = ReadOnlySpan<byte>.Empty;
        var hasValue = false;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    var keyBytes = reader.ReadBytes(wireType);
                    key = keyBytes.Length <= MaxKeyBytes ? DecodeString(keyBytes) : null;
                    break;
                case 2:
                    value = reader.ReadBytes(wireType);
                    hasValue = true;
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (key is not null && hasValue && kept.Contains(key))
        {
            into[key] = ReadAnyValue(value);
        }
    }

    /// <summary>Decodes a scalar <c>AnyValue</c>; arrays, key-value lists and bytes are checked to be well-formed but not read.</summary>
    private static TelemetryValue ReadAnyValue(ReadOnlySpan<byte> message)
    {
        var reader = new ProtobufReader(message);
        var result = TelemetryValue.Other;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    result = TelemetryValue.FromString(DecodeString(reader.ReadBytes(wireType)));
                    break;
                case 2:
                    result = TelemetryValue.FromBoolean(reader.ReadVarint(wireType) != 0);
                    break;
                case 3:
                    result = TelemetryValue.FromInteger(unchecked((long)reader.ReadVarint(wireType)));
                    break;
                case 4:
                    result = TelemetryValue.FromDouble(BitConverter.Int64BitsToDouble(unchecked((long)reader.ReadFixed64(wireType))));
                    break;
                default:
                    reader.Skip(wireType);
                    result = TelemetryValue.Other;
                    break;
            }
        }

        return result;
    }

    public static string DecodeString(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new OtlpFormatException("protobuf: a string is not valid UTF-8.", e);
        }
    }

    /// <summary>A trace or span id as lower-case hex; null when absent or all zero (invalid in OTLP).</summary>
    public static string? DecodeId(ReadOnlySpan<byte> bytes, int expectedLength)
    {
        if (bytes.IsEmpty || bytes.IndexOfAnyExcept((byte)0) < 0)
        {
            return null;
        }

        if (bytes.Length != expectedLength)
        {
            throw new OtlpFormatException("protobuf: a trace or span id has the wrong length.");
        }

        return Convert.ToHexStringLower(bytes);
    }
}
