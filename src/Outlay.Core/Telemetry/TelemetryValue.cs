using System.Globalization;

namespace Outlay.Core.Telemetry;

/// <summary>
/// One decoded attribute value of an allow-listed key. Values of other keys are never decoded, so content
/// attributes never become strings in the first place.
/// </summary>
public readonly record struct TelemetryValue(TelemetryValueKind Kind, string? Text, long Integer, double Double, bool Boolean)
{
    public static TelemetryValue FromString(string value) => new(TelemetryValueKind.String, value, 0, 0, false);

    public static TelemetryValue FromInteger(long value) => new(TelemetryValueKind.Integer, null, value, 0, false);

    public static TelemetryValue FromDouble(double value) => new(TelemetryValueKind.Double, null, 0, value, false);

    public static TelemetryValue FromBoolean(bool value) => new(TelemetryValueKind.Boolean, null, 0, 0, value);

    public static TelemetryValue Other { get; } = new(TelemetryValueKind.Other, null, 0, 0, false);

    /// <summary>The value as tag text: strings as they are, numbers and booleans in invariant form, null for other shapes.</summary>
    public string? AsText() => Kind switch
    {
        TelemetryValueKind.String => Text,
        TelemetryValueKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        TelemetryValueKind.Double => Double.ToString("R", CultureInfo.InvariantCulture),
        TelemetryValueKind.Boolean => Boolean ? "true" : "false",
        _ => null,
    };
}
