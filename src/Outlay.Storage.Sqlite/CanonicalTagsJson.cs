using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Tags as JSON with keys in ordinal order, so equal tag sets always produce the same text and therefore share
/// one rollup row.
/// </summary>
internal static class CanonicalTagsJson
{
    public const string Empty = "{}";

    public static string Write(IReadOnlyDictionary<string, string> tags)
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
        var buffer = new ArrayBufferWriter<byte>(64 * keys.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var key in keys)
            {
                writer.WriteString(key, tags[key]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON path selecting one tag, for <c>json_extract</c>; always passed as a parameter.</summary>
    public static string PathOf(string tagName) => "$.\"" + tagName + "\"";
}
