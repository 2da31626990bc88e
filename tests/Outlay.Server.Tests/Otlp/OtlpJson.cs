using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Outlay.Server.Tests.Otlp;

/// <summary>Builds OTLP/JSON export requests the way exporters write them (hex ids, int64 as strings).</summary>
internal static class OtlpJson
{
    public static JsonObject Attribute(string key, object value)
    {
        var anyValue = value switch
        {
            string s => new JsonObject { ["stringValue"] = s },
            long or int => new JsonObject { ["intValue"] = Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) },
            bool b => new JsonObject { ["boolValue"] = b },
            double d => new JsonObject { ["doubleValue"] = d },
            _ => throw new ArgumentException("unsupported attribute type", nameof(value)),
        };
        return new JsonObject { ["key"] = key, ["value"] = anyValue };
    }

    /// <summary>A GenAI chat span ending a minute ago with usage; add more attributes with <paramref name="extra"/>.</summary>
    public static JsonObject ChatSpan(
        string model = "gpt-4o-mini",
        long inputTokens = 1000,
        long outputTokens = 200,
        string? responseId = null,
        string? traceId = null,
        string? spanId = null,
        string? parentSpanId = null,
        params JsonObject[] extra)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var attributes = new JsonArray
        {
            Attribute("gen_ai.operation.name", "chat"),
            Attribute("gen_ai.provider.name", "openai"),
            Attribute("gen_ai.request.model", model),
            Attribute("gen_ai.usage.input_tokens", inputTokens),
            Attribute("gen_ai.usage.output_tokens", outputTokens),
        };
        if (responseId is not null)
        {
            attributes.Add(Attribute("gen_ai.response.id", responseId));
        }

        foreach (var attribute in extra)
        {
            attributes.Add(attribute);
        }

        var span = new JsonObject
        {
            ["traceId"] = traceId ?? NewId(16),
            ["spanId"] = spanId ?? NewId(8),
            ["name"] = "chat " + model,
            ["kind"] = 3,
            ["startTimeUnixNano"] = UnixNano(end.AddMilliseconds(-850)),
            ["endTimeUnixNano"] = UnixNano(end),
            ["attributes"] = attributes,
        };
        if (parentSpanId is not null)
        {
            span["parentSpanId"] = parentSpanId;
        }

        return span;
    }

    public static string Traces(params JsonObject[] spans) => Traces(ResourceAttributes("otlp-test", "prod"), spans);

    public static string Traces(JsonArray resourceAttributes, params JsonObject[] spans)
    {
        var spanArray = new JsonArray();
        foreach (var span in spans)
        {
            spanArray.Add(span);
        }

        return new JsonObject
        {
            ["resourceSpans"] = new JsonArray
            {
                new JsonObject
                {
                    ["resource"] = new JsonObject { ["attributes"] = resourceAttributes },
                    ["scopeSpans"] = new JsonArray { new JsonObject { ["scope"] = new JsonObject { ["name"] = "test" }, ["spans"] = spanArray } },
                },
            },
        }.ToJsonString();
    }

    public static string Logs(JsonObject record) => new JsonObject
    {
        ["resourceLogs"] = new JsonArray
        {
            new JsonObject
            {
                ["resource"] = new JsonObject { ["attributes"] = ResourceAttributes("otlp-logs", "prod") },
                ["scopeLogs"] = new JsonArray { new JsonObject { ["logRecords"] = new JsonArray { record } } },
            },
        },
    }.ToJsonString();

    public static JsonArray ResourceAttributes(string service, string environment) =>
    [
        Attribute("service.name", service),
        Attribute("deployment.environment.name", environment),
    ];

    public static string UnixNano(DateTimeOffset time) =>
        ((ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    public static string NewId(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    public static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static StringContent Content(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
