using System.Text.Json;

namespace Outlay.Sdk.Extensions.AI.Tests.Support;

/// <summary>Readers for fields of a recorded wire event.</summary>
internal static class WireEvent
{
    public static string? Text(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long Usage(this JsonElement e, string name) => e.GetProperty("usage").GetProperty(name).GetInt64();

    public static Dictionary<string, string> Tags(this JsonElement e) =>
        e.TryGetProperty("tags", out var tags)
            ? tags.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : [];
}
