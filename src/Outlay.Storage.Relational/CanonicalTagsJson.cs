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

    public static string Write(IReadOnlyDictionary<string, string> tags, StringBuilder scratch)
    {
        if (tags.Count == 0)
        {
            return Empty;
        }

        var keys = new string[tags.Count];
        var i = 0;
        foreach (var key in tags.Keys)
        {
            keys[i++] = key;
        }

        Array.Sort(keys, StringComparer.Ordinal);
        scratch.Clear().Append('{');
        for (i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                scratch.Append(',');
            }

            AppendString(scratch, keys[i]);
            scratch.Append(':');
            AppendString(scratch, tags[keys[i]]);
        }

        return scratch.Append('}').ToString();
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
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
