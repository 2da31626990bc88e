using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Outlay.Core.Querying;

namespace Outlay.Core.Events;

/// <summary>
/// The <c>tags</c> object: at most <see cref="MaxTags"/> entries, keys <c>[a-z0-9_.-]{1,64}</c> that do not name
/// content or secrets, string values of at most <see cref="MaxValueLength"/> characters. A key is echoed in errors
/// only when it is a valid key and not itself credential-shaped; otherwise it is named by position.
/// </summary>
internal static class EventTagsReader
{
    public const int MaxTags = 24;
    public const int MaxValueLength = 128;

    /// <summary>The tags, or null when absent (JSON null) or refused; the reader ends on the object's last token.</summary>
    public static Dictionary<string, string>? Read(ref Utf8JsonReader reader, EventIssues issues)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            issues.Refuse("tags", "must be an object");
            EventValueReader.Screen(ref reader, "tags", issues);
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var valid = true;
        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (position >= MaxTags)
            {
                // The event is refused for its tag count anyway: screen the rest for credentials, but keep nothing,
                // or a body within the size limit could hold ten times its size in tags.
                position++;
                ScreenInPlace(ref reader, issues);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    ScreenInPlace(ref reader, issues);
                }
                else
                {
                    EventValueReader.Screen(ref reader, "tags", issues);
                }

                continue;
            }

            var key = reader.GetString()!;
            var (path, keyIsValid) = CheckKey(key, position++, tags, issues);
            reader.Read();
            var value = EventValueReader.ReadString(ref reader, path, issues);
            if (value is null)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    issues.Refuse(path, "must be a string");
                }

                valid = false;
                continue;
            }

            if (keyIsValid && EventValueReader.IsShortAndPrintable(path, value, MaxValueLength, issues))
            {
                tags[key] = value;
            }
            else
            {
                valid = false;
            }
        }

        if (position > MaxTags)
        {
            issues.Refuse("tags", string.Create(CultureInfo.InvariantCulture, $"must have at most {MaxTags} entries"));
            valid = false;
        }

        return valid ? tags : null;
    }

    /// <summary>Screens the property name or string at the reader without allocating a string for it.</summary>
    private static void ScreenInPlace(ref Utf8JsonReader reader, EventIssues issues)
    {
        // Unescaped text never has more characters than its UTF-8 bytes.
        var length = checked((int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
        char[]? rented = null;
        var buffer = length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            var written = reader.CopyString(buffer);
            issues.Screen("tags", buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static (string Path, bool IsValid) CheckKey(string key, int position, Dictionary<string, string> tags, EventIssues issues)
    {
        var byPosition = string.Create(CultureInfo.InvariantCulture, $"tags (key #{position + 1})");
        if (!issues.Screen(byPosition, key))
        {
            return (byPosition, false);
        }

        if (!TagKeyPattern.IsValid(key))
        {
            issues.Refuse(byPosition, "key must match [a-z0-9_.-]{1,64}");
            return (byPosition, false);
        }

        var path = "tags." + key;
        if (ForbiddenTagKeys.NamesContentOrSecret(key))
        {
            issues.Refuse(path, "tag key names content or secrets");
            return (path, false);
        }

        if (tags.ContainsKey(key))
        {
            issues.Refuse(path, "appears more than once");
            return (path, false);
        }

        return (path, true);
    }
}
