namespace Outlay.Server.Otlp;

/// <summary>Which OTLP export a request carries.</summary>
internal enum OtlpSignal
{
    Traces,
    Logs,
}
