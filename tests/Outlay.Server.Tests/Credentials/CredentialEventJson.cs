using System.Globalization;
using System.Text.Json.Nodes;

namespace Outlay.Server.Tests.Credentials;

/// <summary>Raw v1 events with a key label and a place (service, environment, instance).</summary>
internal static class CredentialEventJson
{
    public static JsonObject Event(string keyLabel, string service, string environment, string instance, DateTimeOffset at, string model = "gpt-4o-mini") => new()
    {
        ["id"] = Guid.CreateVersion7().ToString(),
        ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
        ["provider"] = "openai",
        ["model"] = model,
        ["usage"] = new JsonObject { ["input_tokens"] = 1200, ["output_tokens"] = 300 },
        ["service"] = service,
        ["environment"] = environment,
        ["instance"] = instance,
        ["key_label"] = keyLabel,
    };
}
