using System.Globalization;
using System.Text;

namespace Outlay.Storage.Sqlite;

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
