using System.Text.Json;

namespace Outlay.Sdk.Tests.Support;

/// <summary>One body the fake transport received, decompressed.</summary>
internal sealed class RecordedRequest
{
    public RecordedRequest(int index, string json, bool gzip)
    {
        Index = index;
        Json = json;
        Gzip = gzip;
        using var document = JsonDocument.Parse(json);
        Root = document.RootElement.Clone();
    }

    public int Index { get; }

    public string Json { get; }

    public bool Gzip { get; }

    public JsonElement Root { get; }

    public int EventCount => Root.GetProperty("events").GetArrayLength();

    public IReadOnlyList<Guid> Ids => [.. Root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetGuid())];

    public JsonElement? Dropped => Root.TryGetProperty("dropped", out var dropped) ? dropped : null;
}
