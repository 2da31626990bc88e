using System.Text.Json;

namespace Outlay.Core.Tests.Providers;

/// <summary>Parses a test body into a detached element, so each test owns its data.</summary>
internal static class ProviderJson
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
