using System.Text.Json.Nodes;

namespace Outlay.Core.Tests.Events;

/// <summary>One case per refusal rule of wire contract v1; each asserts the error names the field.</summary>
public sealed class EventRefusalTests
{
    private static readonly IReadOnlyList<(string Case, Action<JsonObject> Break, string Error)> Rules =
    [
        ("id missing", e => e.Remove("id"), "id: is required"),
        ("id not a uuid", e => e["id"] = "order-17", "id: must be a UUID string"),
        ("id a number", e => e["id"] = 17, "id: must be a UUID string"),
        ("id nil uuid", e => e["id"] = Guid.Empty.ToString(), "id: must not be the nil UUID"),
        ("timestamp missing", e => e.Remove("timestamp"), "timestamp: is required"),
        ("timestamp without offset", e => e["timestamp"] = "2026-11-23T10:15:02.123", "timestamp: must be an ISO-8601 date and time with an offset or Z"),
        ("timestamp date only", e => e["timestamp"] = "2026-11-23", "timestamp: must be an ISO-8601"),
        ("timestamp not a date", e => e["timestamp"] = "yesterday", "timestamp: must be an ISO-8601"),
        ("timestamp unix number", e => e["timestamp"] = 1763892902, "timestamp: must be an ISO-8601"),
        ("timestamp in the future", e => e["timestamp"] = "2026-11-23T10:25:03Z", "timestamp: is more than 5 minutes ahead of the server's clock"),
        ("timestamp too old", e => e["timestamp"] = "2025-10-19T10:00:00Z", "timestamp: is more than 400 days old"),
        ("provider missing", e => e.Remove("provider"), "provider: is required"),
        ("provider empty", e => e["provider"] = string.Empty, "provider: must not be empty"),
        ("provider blank", e => e["provider"] = "   ", "provider: must not be empty"),
        ("provider too long", e => e["provider"] = new string('p', 65), "provider: must be at most 64 characters"),
        ("provider not a string", e => e["provider"] = 42, "provider: must be a string"),
        ("model missing", e => e.Remove("model"), "model: is required"),
        ("model too long", e => e["model"] = new string('m', 257), "model: must be at most 256 characters"),
        ("model control character", e => e["model"] = "gpt-4o\nmini", "model: must not contain control characters"),
        ("service too long", e => e["service"] = new string('s', 129), "service: must be at most 128 characters"),
        ("service empty", e => e["service"] = string.Empty, "service: must not be empty"),
        ("environment control character", e => e["environment"] = "prod\u0000", "environment: must not contain control characters"),
        ("instance too long", e => e["instance"] = new string('i', 129), "instance: must be at most 128 characters"),
        ("key_label not a string", e => e["key_label"] = new JsonArray("a"), "key_label: must be a string"),
        ("operation unknown", e => e["operation"] = "fine-tune", "operation: must be one of audio, chat, completion, embeddings, image, other, responses"),
        ("service_tier unknown", e => e["service_tier"] = "scale", "service_tier: must be one of batch, default, flex, priority"),
        ("status unknown", e => e["status"] = "timeout", "status: must be one of cancelled, error, ok"),
        ("status wrong case", e => e["status"] = "OK", "status: must be one of"),
        ("latency negative", e => e["latency_ms"] = -1, "latency_ms: must be an integer between 0 and 86400000"),
        ("latency over a day", e => e["latency_ms"] = 86_400_001, "latency_ms: must be an integer between 0 and 86400000"),
        ("latency fractional", e => e["latency_ms"] = 812.5, "latency_ms: must be an integer"),
        ("usage missing", e => e.Remove("usage"), "usage: is required"),
        ("usage not an object", e => e["usage"] = "1200/300", "usage: must be an object"),
        ("input_tokens missing", e => e["usage"]!.AsObject().Remove("input_tokens"), "usage.input_tokens: is required"),
        ("output_tokens missing", e => e["usage"]!.AsObject().Remove("output_tokens"), "usage.output_tokens: is required"),
        ("input_tokens negative", e => e["usage"]!["input_tokens"] = -1, "usage.input_tokens: must be an integer between 0 and 100000000"),
        ("input_tokens absurd", e => e["usage"]!["input_tokens"] = 100_000_001, "usage.input_tokens: must be an integer between 0 and 100000000"),
        ("input_tokens beyond long", e => e["usage"]!["input_tokens"] = JsonNode.Parse("99999999999999999999999"), "usage.input_tokens: must be an integer"),
        ("output_tokens fractional", e => e["usage"]!["output_tokens"] = 1.5, "usage.output_tokens: must be an integer"),
        ("output_tokens exponent", e => e["usage"]!["output_tokens"] = JsonNode.Parse("3e2"), "usage.output_tokens: must be an integer"),
        ("cache_read_tokens a string", e => e["usage"]!["cache_read_tokens"] = "1000", "usage.cache_read_tokens: must be an integer"),
        ("reasoning_tokens negative", e => e["usage"]!["reasoning_tokens"] = -5, "usage.reasoning_tokens: must be an integer"),
        ("cache_write_1h_tokens a boolean", e => e["usage"]!["cache_write_1h_tokens"] = true, "usage.cache_write_1h_tokens: must be an integer"),
        ("cache tokens exceed input", e => e["usage"]!["cache_write_tokens"] = 201, "usage: cache_read_tokens + cache_write_tokens + cache_write_1h_tokens must not exceed input_tokens"),
        ("reasoning exceeds output", e => e["usage"]!["reasoning_tokens"] = 301, "usage.reasoning_tokens: must not exceed output_tokens"),
        ("unknown usage field", e => e["usage"]!["total_tokens"] = 1500, "usage.total_tokens: unknown field"),
        ("unknown top-level field", e => e["user"] = "alice", "user: unknown field"),
        ("content sent as a field", e => e["prompt"] = "Summarise this contract", "prompt: unknown field"),
        ("oddly named unknown field", e => e["Prompt Text"] = "hello", "an unknown field: unknown field"),
        ("tags not an object", e => e["tags"] = new JsonArray("feature"), "tags: must be an object"),
        ("tag value not a string", e => e["tags"]!["attempt"] = 3, "tags.attempt: must be a string"),
        ("tag value null", e => e["tags"]!["attempt"] = null, "tags.attempt: must be a string"),
        ("tag value too long", e => e["tags"]!["feature"] = new string('v', 129), "tags.feature: must be at most 128 characters"),
        ("tag value control character", e => e["tags"]!["feature"] = "a\tb", "tags.feature: must not contain control characters"),
        ("tag key upper case", e => e["tags"]!["Feature"] = "x", "tags (key #3): key must match [a-z0-9_.-]{1,64}"),
        ("tag key too long", e => e["tags"]![new string('k', 65)] = "x", "tags (key #3): key must match"),
        ("tag key empty", e => e["tags"]![string.Empty] = "x", "tags (key #3): key must match"),
        ("too many tags", e => AddTags(e, 23), "tags: must have at most 24 entries"),
        ("cost negative", e => e["cost_usd"] = -0.01, "cost_usd: must be a number between 0 and 1000000"),
        ("cost too large", e => e["cost_usd"] = 1_000_000.01, "cost_usd: must be a number between 0 and 1000000"),
        ("cost a string", e => e["cost_usd"] = "0.0003", "cost_usd: must be a number"),
    ];

    public static TheoryData<string> RuleCases() => new(Rules.Select(r => r.Case));

    [Theory]
    [MemberData(nameof(RuleCases))]
    public void Each_refusal_rule_names_the_field(string caseName)
    {
        var (_, breakIt, error) = Rules.Single(r => r.Case == caseName);
        var json = EventJson.Valid();
        breakIt(json);

        var rejection = EventJson.RejectOne(json);

        Assert.StartsWith(error, rejection.Error, StringComparison.Ordinal);
        Assert.Null(rejection.Secret);
    }

    [Theory]
    [InlineData("prompt")]
    [InlineData("prompts")]
    [InlineData("completion")]
    [InlineData("content")]
    [InlineData("messages")]
    [InlineData("input")]
    [InlineData("output")]
    [InlineData("text")]
    [InlineData("body")]
    [InlineData("api_key")]
    [InlineData("apikey")]
    [InlineData("openai-api-key")]
    [InlineData("secret")]
    [InlineData("password")]
    [InlineData("token")]
    [InlineData("authorization")]
    [InlineData("auth")]
    [InlineData("credentials")]
    [InlineData("bearer")]
    [InlineData("cookie")]
    [InlineData("session")]
    [InlineData("user_prompt")]
    [InlineData("system.message")]
    [InlineData("raw-completion.text")]
    [InlineData("session_id")]
    public void Tag_keys_that_name_content_or_secrets_are_refused(string key)
    {
        var json = EventJson.Valid();
        json["tags"]![key] = "x";

        var rejection = EventJson.RejectOne(json);

        Assert.Equal($"tags.{key}: tag key names content or secrets", rejection.Error);
    }

    [Theory]
    [InlineData("feature")]
    [InlineData("customer")]
    [InlineData("max_tokens")]
    [InlineData("keyboard")]
    [InlineData("tokenizer")]
    [InlineData("team.billing-unit")]
    public void Tag_keys_are_matched_on_whole_words_only(string key)
    {
        // "keyboard" and "tokenizer" are not "key" or "token": only words split on _ . - are compared.
        var json = EventJson.Valid();
        json["tags"]![key] = "x";

        Assert.Equal("x", EventJson.AcceptOne(json).Tags[key]);
    }

    [Fact]
    public void Twenty_four_tags_are_accepted()
    {
        var json = EventJson.Valid();
        AddTags(json, 22);

        Assert.Equal(24, EventJson.AcceptOne(json).Tags.Count);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("id")]
    [InlineData("usage")]
    public void Duplicate_property_names_in_an_event_are_refused(string name)
    {
        var json = EventJson.Minimal();
        var original = json.ToJsonString();
        var duplicate = $",\"{name}\":{json[name]!.ToJsonString()}}}";
        var body = original[..^1] + duplicate;

        var rejection = EventJson.RejectOneRaw(body);

        Assert.Equal($"{name}: appears more than once", rejection.Error);
    }

    [Fact]
    public void Duplicate_usage_fields_and_tag_keys_are_refused()
    {
        var usage = EventJson.RejectOneRaw(
            """{"id":"01934f1e-8a2b-7c3d-9e4f-0123456789ab","timestamp":"2026-11-23T10:15:02Z","provider":"openai","model":"m","usage":{"input_tokens":1,"output_tokens":1,"input_tokens":2}}""");
        var tags = EventJson.RejectOneRaw(
            """{"id":"01934f1e-8a2b-7c3d-9e4f-0123456789ab","timestamp":"2026-11-23T10:15:02Z","provider":"openai","model":"m","usage":{"input_tokens":1,"output_tokens":1},"tags":{"team":"a","team":"b"}}""");

        Assert.Equal("usage.input_tokens: appears more than once", usage.Error);
        Assert.Equal("tags.team: appears more than once", tags.Error);
    }

    [Fact]
    public void The_first_problem_is_reported_when_there_are_several()
    {
        var json = EventJson.Valid();
        json["model"] = string.Empty;
        json["usage"]!["input_tokens"] = -1;

        Assert.StartsWith("model:", EventJson.RejectOne(json).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_echo_the_refused_value()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        var values = new Action<JsonObject>[]
        {
            e => e["id"] = marker,
            e => e["timestamp"] = marker,
            e => e["operation"] = marker,
            e => e["status"] = marker,
            e => e["service_tier"] = marker,
            e => e["tags"]![marker.ToUpperInvariant()] = "x",
            e => e["tags"]!["feature"] = marker + new string('x', 130),
            e => e["Weird " + marker] = 1,
        };

        foreach (var breakIt in values)
        {
            var json = EventJson.Valid();
            breakIt(json);

            var rejection = EventJson.RejectOne(json);

            Assert.DoesNotContain(marker, rejection.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Limits_can_be_tightened()
    {
        var limits = new Core.Events.EventLimits { MaxTokens = 1000, MaxFutureSkew = TimeSpan.Zero, MaxLatency = TimeSpan.FromSeconds(1) };
        var json = EventJson.Minimal();
        json["usage"]!["input_tokens"] = 1001;
        json["latency_ms"] = 1001;

        var batch = EventJson.Parse("{\"events\":[" + json.ToJsonString() + "]}", limits);

        Assert.Equal("usage.input_tokens: must be an integer between 0 and 1000", Assert.Single(batch.Rejections).Error);
    }

    [Fact]
    public void Limits_refuse_nonsense_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Core.Events.EventLimits { MaxEventsPerBatch = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Core.Events.EventLimits { MaxTokens = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Core.Events.EventLimits { MaxFutureSkew = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Core.Events.EventLimits { MaxAge = TimeSpan.Zero });
    }

    private static void AddTags(JsonObject e, int count)
    {
        var tags = e["tags"]!.AsObject();
        for (var i = 0; i < count; i++)
        {
            tags[$"extra_{i}"] = "v";
        }
    }
}
