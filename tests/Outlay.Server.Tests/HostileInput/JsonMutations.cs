using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// Structural damage to a JSON body: one value replaced by raw text (which may be no valid JSON at all), or one
/// property written twice. The raw text goes in through a placeholder, since a <see cref="JsonNode"/> cannot hold it.
/// </summary>
internal static class JsonMutations
{
    private const string Placeholder = "HOSTILE_PLACEHOLDER_7f3a";
    private const string DuplicateKey = "HOSTILE_DUPLICATE_KEY_7f3a";

    /// <summary>Raw tokens for a value: numbers out of range, NaN spellings, wrong types, odd strings.</summary>
    public static readonly string[] HostileTokens =
    [
        "1e400", "-1e400", "-1", "-0", "0.5", "1.0e2", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "340282366920938463463374607431768211456", "NaN", "Infinity", "-Infinity", "nan", "0x10",
        "01", "+1", "1e", ".5", "\"NaN\"", "\"1e400\"", "\"-1\"", "\"9223372036854775808\"", "null", "true", "false",
        "[]", "{}", "[null]", "{\"\":{}}", "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uffff\"",
        "\"\u202e\"", "\"=HYPERLINK(\\\"http://evil\\\")\"", "\"'; DROP TABLE events;--\"", "\"../../../../etc/passwd\"",
        "\"2026-13-45T99:99:99Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"not-a-uuid\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"\\\\\\\"\"", "'single'", "undefined", "\"\\x41\"",
    ];

    /// <summary>Replaces one randomly chosen value (never the root) with <paramref name="raw"/>; null when the body is not JSON.</summary>
    public static byte[]? ReplaceValue(byte[] body, Random random, string raw)
    {
        var root = Parse(body);
        if (root is null)
        {
            return null;
        }

        var slots = Slots(root);
        if (slots.Count == 0)
        {
            return null;
        }

        var (parent, key, index) = slots[random.Next(slots.Count)];
        Set(parent, key, index, JsonValue.Create(Placeholder));
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace("\"" + Placeholder + "\"", raw, StringComparison.Ordinal));
    }

    /// <summary>Writes one property of one object twice, the second time with <paramref name="raw"/> as its value.</summary>
    public static byte[]? DuplicateProperty(byte[] body, Random random, string raw)
    {
        var root = Parse(body);
        if (root is null)
        {
            return null;
        }

        var objects = Slots(root).Select(s => Get(s.Parent, s.Key, s.Index)).OfType<JsonObject>().Where(o => o.Count > 0).Prepend(root as JsonObject).OfType<JsonObject>().ToList();
        if (objects.Count == 0)
        {
            return null;
        }

        var target = objects[random.Next(objects.Count)];
        var name = target.ElementAt(random.Next(target.Count)).Key;
        target[DuplicateKey] = JsonValue.Create(Placeholder);
        var text = root.ToJsonString()
            .Replace("\"" + DuplicateKey + "\"", JsonSerializer.Serialize(name), StringComparison.Ordinal)
            .Replace("\"" + Placeholder + "\"", raw, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary><paramref name="levels"/> nested arrays or objects around a number.</summary>
    public static string Nested(int levels, bool objects)
    {
        var text = new StringBuilder(levels * 6 + 8);
        for (var i = 0; i < levels; i++)
        {
            text.Append(objects ? "{\"a\":" : "[");
        }

        text.Append('1');
        for (var i = 0; i < levels; i++)
        {
            text.Append(objects ? '}' : ']');
        }

        return text.ToString();
    }

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode, string?, int)>();
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is JsonObject obj)
            {
                foreach (var (key, child) in obj)
                {
                    slots.Add((obj, key, -1));
                    if (child is not null)
                    {
                        pending.Push(child);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        return slots;
    }

    private static JsonNode? Get(JsonNode parent, string? key, int index) => key is not null ? parent[key] : parent[index];

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (key is not null)
        {
            parent[key] = value;
        }
        else
        {
            parent[index] = value;
        }
    }
}
