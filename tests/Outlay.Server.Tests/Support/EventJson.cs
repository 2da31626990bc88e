using System.Text.Json.Nodes;

namespace Outlay.Server.Tests.Support;

/// <summary>Builds raw v1 event batches for protocol tests (the SDK is used where it fits).</summary>
internal static class EventJson
{
    public static JsonObject Event(
        Guid? id = null,
        string provider = "openai",
        string model = "gpt-4o-mini",
        long inputTokens = 1200,
        long outputTokens = 300,
        DateTimeOffset? timestamp = null,
        string? environment = null,
        string? service = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        var usage = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens };
        var item = new JsonObject
        {
            ["id"] = (id ?? Guid.CreateVersion7()).ToString(),
            ["timestamp"] = (timestamp ?? DateTimeOffset.UtcNow.AddMinutes(-1)).ToString("O"),
            ["provider"] = provider,
            ["model"] = model,
            ["usage"] = usage,
        };
        if (environment is not null)
        {
            item["environment"] = environment;
        }

        if (service is not null)
        {
            item["service"] = service;
        }

        if (tags is not null)
        {
            var tagObject = new JsonObject();
            foreach (var (key, value) in tags)
            {
                tagObject[key] = value;
            }

            item["tags"] = tagObject;
        }

        return item;
    }

    public static string Batch(params JsonObject[] events)
    {
        var array = new JsonArray();
        foreach (var item in events)
        {
            array.Add(item);
        }

        return new JsonObject { ["events"] = array }.ToJsonString();
    }
}
