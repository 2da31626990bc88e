using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlay.Storage.Relational;

/// <summary>The few list-of-text columns (key environments, budget scopes) as JSON arrays, source-generated (no reflection).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StringListJson : JsonSerializerContext
{
    public static string Write(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, Default.IReadOnlyListString);

    public static IReadOnlyList<string> Read(string json) => JsonSerializer.Deserialize(json, Default.IReadOnlyListString) ?? [];
}
