namespace Outlay.Server.Otlp;

/// <summary>The two OTLP/HTTP body encodings; the answer uses the request's.</summary>
internal enum OtlpEncoding
{
    Unsupported,
    Protobuf,
    Json,
}
