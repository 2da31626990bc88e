using System.Globalization;

namespace Outlay.Sdk.Diagnostics;

/// <summary>Reads tag values whatever type the emitter used: numbers as <c>int</c>, <c>long</c> or text.</summary>
internal static class TagValues
{
    /// <summary>A non-negative token count, or null when absent, unreadable or negative (older emitters write -1 for unknown).</summary>
    public static long? ReadCount(object? value)
    {
        long? count = value switch
        {
            int i => i,
            long l => l,
            short s => s,
            uint u => u,
            ulong ul when ul <= long.MaxValue => (long)ul,
            double d when d >= 0 && d <= long.MaxValue && Math.Abs(d % 1) < double.Epsilon => (long)d,
            string text when long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return count is >= 0 ? count : null;
    }

    /// <summary>A trimmed, non-empty text value, or null.</summary>
    public static string? ReadText(object? value)
    {
        var text = value switch
        {
            string s => s,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
