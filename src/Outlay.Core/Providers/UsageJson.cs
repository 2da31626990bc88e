using System.Text.Json;

namespace Outlay.Core.Providers;

/// <summary>
/// Reads the few metadata fields the adapters need from a provider body. Only counts and short identifiers
/// (model, id, tier, object type) are ever turned into values; content fields are never read.
/// </summary>
internal static class UsageJson
{
    /// <summary>
    /// A token count, or null when the field is absent, null or not a number. Negative counts read as 0,
    /// fractions are truncated and counts beyond <see cref="long.MaxValue"/> saturate.
    /// </summary>
    public static long? Count(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetInt64(out var whole))
        {
            return Math.Max(0, whole);
        }

        if (value.TryGetDecimal(out var fractional))
        {
            return fractional <= 0 ? 0 : fractional >= long.MaxValue ? long.MaxValue : (long)decimal.Truncate(fractional);
        }

        // A number too large even for decimal: saturate rather than fail, NormalisedUsage keeps sums in range.
        return value.GetRawText().StartsWith('-') ? 0 : long.MaxValue;
    }

    /// <summary>The first of <paramref name="names"/> present as a number (aliases of one field, never summed).</summary>
    public static long? FirstCount(JsonElement parent, params string[] names)
    {
        foreach (var name in names)
        {
            var count = Count(parent, name);
            if (count is not null)
            {
                return count;
            }
        }

        return null;
    }

    /// <summary>A short identifier field (model, id, tier, type); null when absent or not a string.</summary>
    public static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>True when <paramref name="name"/> is a string property equal to <paramref name="expected"/>, compared without materialising it.</summary>
    public static bool HasText(JsonElement parent, string name, string expected) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);

    /// <summary>The named property when it is a JSON object.</summary>
    public static bool TryObject(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value)
            && value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Adds two counts without overflowing.</summary>
    public static long Add(long left, long right) =>
        left > long.MaxValue - right ? long.MaxValue : left + right;
}
