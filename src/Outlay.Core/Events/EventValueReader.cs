using System.Globalization;
using System.Text.Json;

namespace Outlay.Core.Events;

/// <summary>
/// Reads single values of an event with the reader positioned on the value. Every string that passes through here
/// is screened by the secret tripwire, including strings inside values of the wrong type or of unknown fields.
/// </summary>
internal static class EventValueReader
{
    /// <summary>A string, or null when absent (JSON null), of the wrong type, or a credential.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, string field, EventIssues issues)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var value = reader.GetString()!;
                return issues.Screen(field, value) ? value : null;
            default:
                issues.Refuse(field, "must be a string");
                Screen(ref reader, field, issues);
                return null;
        }
    }

    /// <summary>An integer in 0..<paramref name="max"/>, or null when absent (JSON null) or refused.</summary>
    public static long? ReadInteger(ref Utf8JsonReader reader, string field, long max, EventIssues issues)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0 && value <= max)
        {
            return value;
        }

        issues.Refuse(field, string.Create(CultureInfo.InvariantCulture, $"must be an integer between 0 and {max}"));
        Screen(ref reader, field, issues);
        return null;
    }

    /// <summary>
    /// Screens every string and property name of the value at the reader (a scalar or a whole object or array),
    /// leaving the reader on its last token. Used for values that are refused anyway, so a credential inside them
    /// is still reported as one.
    /// </summary>
    public static void Screen(ref Utf8JsonReader reader, string field, EventIssues issues)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            issues.Screen(field, reader.GetString());
            return;
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                issues.Screen(field, reader.GetString());
            }
        }
    }

    /// <summary>
    /// Checks a free-text field: not empty or blank, at most <paramref name="maxLength"/> characters, no control
    /// characters. Returns false (and records why) when it fails.
    /// </summary>
    public static bool IsValidText(string field, string value, int maxLength, EventIssues issues)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            issues.Refuse(field, "must not be empty");
            return false;
        }

        return IsShortAndPrintable(field, value, maxLength, issues);
    }

    /// <summary>At most <paramref name="maxLength"/> characters and no control characters; empty is allowed.</summary>
    public static bool IsShortAndPrintable(string field, string value, int maxLength, EventIssues issues)
    {
        if (value.Length > maxLength)
        {
            issues.Refuse(field, string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters"));
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                issues.Refuse(field, "must not contain control characters");
                return false;
            }
        }

        return true;
    }
}
