using Microsoft.Net.Http.Headers;

namespace Outlay.Server.Otlp;

/// <summary>Reads the request's Content-Type (parameters such as charset are ignored).</summary>
internal static class OtlpContentType
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    public static OtlpEncoding Parse(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return OtlpEncoding.Unsupported;
        }

        var mediaType = parsed.MediaType.Value;
        if (string.Equals(mediaType, Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            return OtlpEncoding.Protobuf;
        }

        return string.Equals(mediaType, Json, StringComparison.OrdinalIgnoreCase) ? OtlpEncoding.Json : OtlpEncoding.Unsupported;
    }
}
