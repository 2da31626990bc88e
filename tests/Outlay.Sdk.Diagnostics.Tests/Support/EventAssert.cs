using System.Text.Json;

namespace Outlay.Sdk.Diagnostics.Tests.Support;

/// <summary>Reads fields of a recorded wire event.</summary>
internal static class EventAssert
{
    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long Usage(JsonElement e, string name) =>
        e.GetProperty("usage").TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    public static string? Tag(JsonElement e, string key) =>
        e.TryGetProperty("tags", out var tags) && tags.TryGetProperty(key, out var value) ? value.GetString() : null;
}
