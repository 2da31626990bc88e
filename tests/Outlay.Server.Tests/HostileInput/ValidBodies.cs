using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Outlay.Server.Tests.Otlp;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// Valid bodies for every ingest path, the starting points the mutations damage. Ids come from the case's random
/// source, so every case carries fresh events and a refused one can be looked for in the store.
/// </summary>
internal static class ValidBodies
{
    public enum Kind
    {
        Events,
        TracesProtobuf,
        TracesJson,
        LogsProtobuf,
        LogsJson,
        ImportOpenAi,
        ImportCsv,
    }

    /// <summary>A UTC day two days back: ingest accepts it and reconciliation sees a complete day.</summary>
    private static DateTimeOffset UsageDay => new(DateTime.UtcNow.Date.AddDays(-2), TimeSpan.Zero);

    public static byte[] Build(Kind kind, Random random, int count) => kind switch
    {
        Kind.Events => Encoding.UTF8.GetBytes(Events(random, count)),
        Kind.TracesProtobuf => TracesProtobuf(random, count),
        Kind.TracesJson => Encoding.UTF8.GetBytes(TracesJson(random, count)),
        Kind.LogsProtobuf => LogsProtobuf(random, count),
        Kind.LogsJson => Encoding.UTF8.GetBytes(LogsJson(random, count)),
        Kind.ImportOpenAi => Encoding.UTF8.GetBytes(ImportOpenAi(random, count)),
        _ => Encoding.UTF8.GetBytes(ImportCsv(random, count)),
    };

    public static JsonObject Event(Random random)
    {
        var usage = new JsonObject
        {
            ["input_tokens"] = random.Next(1, 100_000),
            ["output_tokens"] = random.Next(0, 10_000),
            ["cache_read_tokens"] = 0,
        };
        return new JsonObject
        {
            ["id"] = NewGuid(random).ToString(),
            ["timestamp"] = DateTimeOffset.UtcNow.AddSeconds(-random.Next(1, 3600)).ToString("O", CultureInfo.InvariantCulture),
            ["provider"] = random.Next(2) == 0 ? "openai" : "anthropic",
            ["model"] = random.Next(2) == 0 ? "gpt-4o-mini" : "claude-sonnet-4-20250514",
            ["operation"] = "chat",
            ["usage"] = usage,
            ["status"] = "ok",
            ["latency_ms"] = random.Next(1, 5000),
            ["service"] = "hostile",
            ["environment"] = "prod",
            ["key_label"] = "openai-prod",
            ["tags"] = new JsonObject { ["feature"] = "summarize", ["customer"] = "acme" },
        };
    }

    public static string Events(Random random, int count)
    {
        var events = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            events.Add(Event(random));
        }

        return new JsonObject { ["events"] = events }.ToJsonString();
    }

    private static byte[] TracesProtobuf(Random random, int count)
    {
        var spans = Enumerable.Range(0, count).Select(i => OtlpProtobufWriter.Span(
            Bytes(random, 16), Bytes(random, 8), DateTimeOffset.UtcNow.AddMinutes(-1), error: false,
            ("gen_ai.operation.name", "chat"),
            ("gen_ai.provider.name", "openai"),
            ("gen_ai.request.model", "gpt-4o-mini"),
            ("gen_ai.response.id", "chatcmpl-" + Hex(random, 8)),
            ("gen_ai.usage.input_tokens", (long)random.Next(1, 100_000)),
            ("gen_ai.usage.output_tokens", (long)random.Next(0, 10_000)))).ToArray();
        return OtlpProtobufWriter.Traces([("service.name", "hostile"), ("deployment.environment.name", "prod")], spans);
    }

    private static string TracesJson(Random random, int count)
    {
        var spans = Enumerable.Range(0, count)
            .Select(_ => OtlpJson.ChatSpan(inputTokens: random.Next(1, 100_000), responseId: "chatcmpl-" + Hex(random, 8), traceId: Hex(random, 16), spanId: Hex(random, 8)))
            .ToArray();
        return OtlpJson.Traces(spans);
    }

    private static byte[] LogsProtobuf(Random random, int count)
    {
        var records = Enumerable.Range(0, count).Select(_ => OtlpProtobufWriter.LogRecord(
            Bytes(random, 16), Bytes(random, 8), DateTimeOffset.UtcNow.AddMinutes(-1), "gen_ai.client.inference.operation.details", "not read",
            ("gen_ai.operation.name", "chat"),
            ("gen_ai.provider.name", "anthropic"),
            ("gen_ai.response.model", "claude-sonnet-4-20250514"),
            ("gen_ai.usage.input_tokens", (long)random.Next(1, 100_000)),
            ("gen_ai.usage.output_tokens", (long)random.Next(0, 10_000)))).ToArray();
        return OtlpProtobufWriter.Logs([("service.name", "hostile"), ("deployment.environment.name", "prod")], records);
    }

    private static string LogsJson(Random random, int count)
    {
        var body = JsonNode.Parse(OtlpJson.Logs(LogRecord(random)))!;
        var records = body["resourceLogs"]![0]!["scopeLogs"]![0]!["logRecords"]!.AsArray();
        for (var i = 1; i < count; i++)
        {
            records.Add(LogRecord(random));
        }

        return body.ToJsonString();
    }

    private static JsonObject LogRecord(Random random) => new()
    {
        ["timeUnixNano"] = OtlpJson.UnixNano(DateTimeOffset.UtcNow.AddMinutes(-1)),
        ["eventName"] = "gen_ai.client.inference.operation.details",
        ["traceId"] = Hex(random, 16),
        ["spanId"] = Hex(random, 8),
        ["body"] = new JsonObject { ["stringValue"] = "not read" },
        ["attributes"] = new JsonArray
        {
            OtlpJson.Attribute("gen_ai.operation.name", "chat"),
            OtlpJson.Attribute("gen_ai.provider.name", "anthropic"),
            OtlpJson.Attribute("gen_ai.response.model", "claude-sonnet-4-20250514"),
            OtlpJson.Attribute("gen_ai.usage.input_tokens", random.Next(1, 100_000)),
            OtlpJson.Attribute("gen_ai.usage.output_tokens", random.Next(0, 10_000)),
        },
    };

    private static string ImportOpenAi(Random random, int count)
    {
        var start = UsageDay.ToUnixTimeSeconds();
        var results = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            results.Add(new JsonObject
            {
                ["object"] = "organization.usage.completions.result",
                ["input_tokens"] = random.Next(1, 100_000),
                ["output_tokens"] = random.Next(0, 10_000),
                ["num_model_requests"] = random.Next(1, 100),
                ["project_id"] = "proj_test",
                ["user_id"] = null,
                ["api_key_id"] = "key_" + Hex(random, 4),
                ["model"] = "gpt-4o-mini-2024-07-18",
                ["batch"] = false,
                ["input_cached_tokens"] = 0,
                ["input_audio_tokens"] = 0,
                ["output_audio_tokens"] = 0,
            });
        }

        var bucket = new JsonObject { ["object"] = "bucket", ["start_time"] = start, ["end_time"] = start + 86400, ["results"] = results };
        return new JsonObject { ["object"] = "page", ["data"] = new JsonArray { bucket }, ["has_more"] = false, ["next_page"] = null }.ToJsonString();
    }

    private static string ImportCsv(Random random, int count)
    {
        var csv = new StringBuilder("date,provider,model,key_id,project,service_tier,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd\n");
        var day = UsageDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{day},openai,gpt-4o-mini,key_{Hex(random, 4)},proj_test,default,{random.Next(1, 100)},{random.Next(1, 100_000)},{random.Next(0, 10_000)},0,0,0.25\n");
        }

        return csv.ToString();
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = Bytes(random, 16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 in the little-endian Guid layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Hex(Random random, int bytes) => Convert.ToHexStringLower(Bytes(random, bytes));
}
