using System.Security.Cryptography;
using System.Text;

namespace Outlay.Core.Telemetry;

/// <summary>
/// Deterministic event ids for OTLP data: a name-based UUID (version 8, SHA-256) of the call's response id, or of
/// its (trace id, span id). A re-sent export, or a second span of the same call, gets the same id, and the store's
/// idempotent append counts it once.
/// </summary>
public static class TelemetryEventId
{
    private const string Namespace = "outlay.otlp.v1";

    public static Guid FromResponseId(string responseId) => Create("response", responseId);

    public static Guid FromSpan(string traceId, string spanId) => Create("span", traceId + "/" + spanId);

    private static Guid Create(string kind, string name)
    {
        var text = Encoding.UTF8.GetBytes(Namespace + "\n" + kind + "\n" + name);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(text, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
