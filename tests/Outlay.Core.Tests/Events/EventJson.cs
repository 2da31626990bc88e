using System.Text;
using System.Text.Json.Nodes;
using Outlay.Core.Events;

namespace Outlay.Core.Tests.Events;

/// <summary>Builds request bodies for parser tests from the DESIGN.md example event.</summary>
internal static class EventJson
{
    /// <summary>The server clock used by every test: 5 minutes after the example event.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 20, 2, 123, TimeSpan.Zero);

    /// <summary>The example event of DESIGN.md, "The event (wire contract v1)".</summary>
    public const string DesignExample = """
        {
          "id": "01934f1e-8a2b-7c3d-9e4f-0123456789ab",
          "timestamp": "2026-11-23T10:15:02.123Z",
          "provider": "openai",
          "model": "gpt-4o-mini-2024-07-18",
          "operation": "chat",
          "usage": {
            "input_tokens": 1200,
            "output_tokens": 300,
            "cache_read_tokens": 1000,
            "cache_write_tokens": 0,
            "cache_write_1h_tokens": 0,
            "reasoning_tokens": 120
          },
          "service_tier": "default",
          "status": "ok",
          "latency_ms": 812,
          "service": "checkout-api",
          "environment": "prod",
          "instance": "pod-7f9c",
          "key_label": "openai-prod-2026-03",
          "tags": { "feature": "summarize", "customer": "acme" },
          "cost_usd": 0.000321
        }
        """;

    /// <summary>A fresh, valid, mutable copy of the example event with a new id.</summary>
    public static JsonObject Valid()
    {
        var node = JsonNode.Parse(DesignExample)!.AsObject();
        node["id"] = Guid.NewGuid().ToString();
        return node;
    }

    /// <summary>The smallest valid event: required fields only.</summary>
    public static JsonObject Minimal() => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["timestamp"] = "2026-11-23T10:15:02Z",
        ["provider"] = "openai",
        ["model"] = "gpt-4o-mini",
        ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 5 },
    };

    public static byte[] Batch(params JsonNode[] events)
    {
        var array = new JsonArray();
        foreach (var e in events)
        {
            array.Add(e);
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["events"] = array }.ToJsonString());
    }

    public static EventBatch Parse(string body, EventLimits? limits = null) =>
        EventBatchParser.Parse(Encoding.UTF8.GetBytes(body), Now, limits);

    public static EventBatch Parse(params JsonNode[] events) => EventBatchParser.Parse(Batch(events), Now);

    /// <summary>Parses one event that must be refused, and returns its rejection.</summary>
    public static EventRejection RejectOne(JsonNode e)
    {
        var batch = Parse(e);
        Assert.Empty(batch.Events);
        return Assert.Single(batch.Rejections);
    }

    /// <summary>Parses one event that must be accepted, and returns it.</summary>
    public static UsageEvent AcceptOne(JsonNode e)
    {
        var batch = Parse(e);
        Assert.Empty(batch.Rejections);
        return Assert.Single(batch.Events).Event;
    }

    /// <summary>Parses a hand-written event body (for shapes JsonObject cannot express, e.g. duplicate names).</summary>
    public static EventRejection RejectOneRaw(string eventJson)
    {
        var batch = Parse("{\"events\":[" + eventJson + "]}");
        Assert.Empty(batch.Events);
        return Assert.Single(batch.Rejections);
    }
}
