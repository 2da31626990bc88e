using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Outlay.Storage.Relational;

/// <summary>
/// Tags as JSON with keys in ordinal order and one fixed escaping (only <c>"</c>, <c>\</c> and control characters),
/// so equal tag sets always produce the same text and therefore share one rollup row. Written by hand because it
/// runs once per stored event and a JSON writer per event costs more than the insert itself.
/// </summary>
internal static class CanonicalTagsJson
{
    public const string Empty = "{}";

    // The characters written escaped: the quote, the backslash and the control characters.
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    public static string Write(IReadOnlyDictionary<string, string> tags, StringBuilder scratch)
    {
        var count = tags.Count;
        if (count == 0)
        {
            return Empty;
        }

        // Events carry at most a handful of tags (ingest allows 24): sorted on the stack, not in an array per event.
        var buffer = default(TagPairs);
        Span<KeyValuePair<string, string>> pairs = count <= TagPairs.Length ? buffer[..count] : new KeyValuePair<string, string>[count];
        var i = 0;
        if (tags is Dictionary<string, string> dictionary)
        {
            // Enumerated as the concrete type: through the interface each event would box an enumerator.
            foreach (var pair in dictionary)
            {
                Insert(pairs, i++, pair);
            }
        }
        else
        {
            foreach (var pair in tags)
            {
                Insert(pairs, i++, pair);
            }
        }

        scratch.Clear().Append('{');
        for (i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                scratch.Append(',');
            }

            AppendString(scratch, pairs[i].Key);
            scratch.Append(':');
            AppendString(scratch, pairs[i].Value);
        }

        return scratch.Append('}').ToString();
    }

    // Insertion sort by ordinal key: a handful of tags, and this avoids a comparer call per step.
    private static void Insert(Span<KeyValuePair<string, string>> pairs, int count, KeyValuePair<string, string> pair)
    {
        var j = count;
        while (j > 0 && string.CompareOrdinal(pairs[j - 1].Key, pair.Key) > 0)
        {
            pairs[j] = pairs[j - 1];
            j--;
        }

        pairs[j] = pair;
    }

    /// <summary>Reads tags written by <see cref="Write"/> back into a dictionary (used only when a stored event is replaced).</summary>
    public static Dictionary<string, string> Read(string json)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json == Empty)
        {
            return tags;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            tags[property.Name] = property.Value.GetString() ?? string.Empty;
        }

        return tags;
    }

    /// <summary>A JSON path selecting one tag, for <c>json_extract</c>; always passed as a parameter.</summary>
    public static string PathOf(string tagName) => "$.\"" + tagName + "\"";

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var rest = value.AsSpan();
        int next;
        // Runs with nothing to escape (almost every tag) are appended whole.
        while ((next = rest.IndexOfAny(Escaped)) >= 0)
        {
            builder.Append(rest[..next]);
            var c = rest[next];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }

            rest = rest[(next + 1)..];
        }

        builder.Append(rest).Append('"');
    }
}
