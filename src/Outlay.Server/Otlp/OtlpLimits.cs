using System.Globalization;

namespace Outlay.Server.Otlp;

/// <summary>Bounds on what one OTLP export may hold, beyond the body size limits of ingest.</summary>
internal static class OtlpLimits
{
    /// <summary>Most spans or log records in one export (the .NET exporter sends at most 512 by default).</summary>
    public const int MaxRecords = 50_000;

    public static void CheckRecordCount(int decodedSoFar)
    {
        if (decodedSoFar >= MaxRecords)
        {
            throw new OtlpFormatException(string.Create(CultureInfo.InvariantCulture, $"An export may hold at most {MaxRecords} spans or log records."));
        }
    }
}
