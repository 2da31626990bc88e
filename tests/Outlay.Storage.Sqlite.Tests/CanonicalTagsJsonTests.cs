using System.Text;
using System.Text.Json;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// Canonical tags JSON decides which events share a rollup row: equal tag sets must give equal text whatever order they
/// were added in, the text must be valid JSON that reads back to the same tags, and the escaping must be the one fixed
/// form (stored rows written by earlier versions are compared with new ones).
/// </summary>
public sealed class CanonicalTagsJsonTests
{
    [Fact]
    public void Keys_are_in_ordinal_order_whatever_order_they_were_added_in()
    {
        var keys = new[] { "feature", "Customer", "customer", "a", "é", "Z", "feature2", "b" };
        var expected = "{\"Customer\":\"v\",\"Z\":\"v\",\"a\":\"v\",\"b\":\"v\",\"customer\":\"v\",\"feature\":\"v\",\"feature2\":\"v\",\"é\":\"v\"}";
        foreach (var order in new[] { keys, keys.Reverse().ToArray(), keys.OrderBy(k => k.Length).ToArray() })
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in order)
            {
                tags[key] = "v";
            }

            Assert.Equal(expected, CanonicalTagsJson.Write(tags, new StringBuilder()));
        }
    }

    [Fact]
    public void Only_quote_backslash_and_control_characters_are_escaped()
    {
        var tags = new Dictionary<string, string>
        {
            ["q\"k"] = "\"at start, \\ in the middle\\ and at the end\"",
            ["plain"] = "ünïcødé 中文 👩🏽‍💻 / <tag> & 'quoted'",
            ["controls"] = "\u0000\u0001\t\n\r\u001f\u007f",
            ["empty"] = string.Empty,
        };

        var json = CanonicalTagsJson.Write(tags, new StringBuilder());

        Assert.Equal(
            "{\"controls\":\"\\u0000\\u0001\\u0009\\u000a\\u000d\\u001f\u007f\",\"empty\":\"\",\"plain\":\"ünïcødé 中文 👩🏽‍💻 / <tag> & 'quoted'\","
            + "\"q\\\"k\":\"\\\"at start, \\\\ in the middle\\\\ and at the end\\\"\"}",
            json);
        Assert.Equal(tags, CanonicalTagsJson.Read(json));
        Assert.Equal(tags, JsonSerializer.Deserialize<Dictionary<string, string>>(json));
    }

    [Fact]
    public void Every_control_character_reads_back_as_itself()
    {
        var value = new string(Enumerable.Range(0, 0x21).Select(c => (char)c).ToArray()) + "\\\"end";
        var tags = new Dictionary<string, string> { [value] = value };

        var json = CanonicalTagsJson.Write(tags, new StringBuilder());

        Assert.Equal(tags, CanonicalTagsJson.Read(json));
    }

    [Fact]
    public void No_tags_is_an_empty_object()
    {
        Assert.Equal("{}", CanonicalTagsJson.Write(new Dictionary<string, string>(), new StringBuilder()));
        Assert.Empty(CanonicalTagsJson.Read("{}"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(200)]
    public void Any_number_of_tags_in_any_dictionary_type_gives_the_same_sorted_text(int count)
    {
        // Up to 24 tags (what ingest accepts) sort on the stack, more in an array; a Dictionary is enumerated as
        // itself, any other IReadOnlyDictionary through the interface. All four must agree.
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in Enumerable.Range(0, count).Reverse())
        {
            tags["k" + i.ToString("x3", System.Globalization.CultureInfo.InvariantCulture)] = "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var expected = "{" + string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"\"{t.Key}\":\"{t.Value}\"")) + "}";

        Assert.Equal(expected, CanonicalTagsJson.Write(tags, new StringBuilder()));
        Assert.Equal(expected, CanonicalTagsJson.Write(new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(tags), new StringBuilder()));
        Assert.Equal(tags, CanonicalTagsJson.Read(expected));
    }
}
