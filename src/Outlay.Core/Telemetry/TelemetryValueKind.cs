namespace Outlay.Core.Telemetry;

/// <summary>The shape of an OpenTelemetry attribute value, as far as usage mapping needs to know it.</summary>
public enum TelemetryValueKind
{
    /// <summary>An array, a key-value list or bytes: never read by the mapping.</summary>
    Other,
    String,
    Boolean,
    Integer,
    Double,
}
