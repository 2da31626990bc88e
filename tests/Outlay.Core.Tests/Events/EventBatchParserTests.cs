using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outlay.Core.Events;
using Outlay.Testing;

namespace Outlay.Core.Tests.Events;

public sealed class EventBatchParserTests
{
    [Fact]
    public void The_design_example_event_parses_with_all_fields()
    {
        var batch = EventJson.Parse("{\"events\":[" + EventJson.DesignExample + "]}");

        Assert.Empty(batch.Rejections);
        Assert.Null(batch.Dropped);
        var parsed = Assert.Single(batch.Events);
        Assert.Equal(0, parsed.Index);
        AssertIsDesignExample(parsed.Event);
    }

    [Fact]
    public void The_example_event_in_the_shared_design_document_parses()
    {
        // Guards against the inline copy drifting from the contract document itself.
        var design = SharedFixtures.ReadText("DESIGN.md");
        var match = Regex.Match(design, @"## The event.*?```json\s*(\{.*?\n\})\s*```", RegexOptions.Singleline, TimeSpan.FromSeconds(5));
        Assert.True(match.Success, "DESIGN.md has no json example under 'The event'");

        var batch = EventJson.Parse("{\"events\":[" + match.Groups[1].Value + "]}");

        Assert.Empty(batch.Rejections);
        AssertIsDesignExample(Assert.Single(batch.Events).Event);
    }

    [Fact]
    public void A_minimal_event_gets_the_documented_defaults()
    {
        var e = EventJson.AcceptOne(EventJson.Minimal());

        Assert.Equal(Operations.Chat, e.Operation);
        Assert.Equal(ServiceTiers.Default, e.ServiceTier);
        Assert.Equal(EventStatuses.Ok, e.Status);
        Assert.Equal(new TokenUsage(10, 5), e.Usage);
        Assert.Null(e.LatencyMs);
        Assert.Null(e.Service);
        Assert.Null(e.Environment);
        Assert.Null(e.Instance);
        Assert.Null(e.KeyLabel);
        Assert.Null(e.ClientCostUsd);
        Assert.Empty(e.Tags);
    }

    [Fact]
    public void Null_optional_fields_count_as_absent()
    {
        var json = EventJson.Minimal();
        foreach (var name in new[] { "operation", "service_tier", "status", "latency_ms", "service", "environment", "instance", "key_label", "tags", "cost_usd" })
        {
            json[name] = null;
        }

        json["usage"]!["reasoning_tokens"] = null;

        var e = EventJson.AcceptOne(json);

        Assert.Equal(Operations.Chat, e.Operation);
        Assert.Null(e.Service);
        Assert.Equal(0, e.Usage.ReasoningTokens);
    }

    [Fact]
    public void Every_allowed_operation_tier_and_status_is_accepted()
    {
        var events = new List<JsonNode>();
        foreach (var operation in Operations.All)
        {
            foreach (var tier in ServiceTiers.All)
            {
                foreach (var status in EventStatuses.All)
                {
                    var json = EventJson.Minimal();
                    json["operation"] = operation;
                    json["service_tier"] = tier;
                    json["status"] = status;
                    events.Add(json);
                }
            }
        }

        var batch = EventJson.Parse([.. events]);

        Assert.Empty(batch.Rejections);
        Assert.Equal(
            events.Select(e => (e["operation"]!.GetValue<string>(), e["service_tier"]!.GetValue<string>(), e["status"]!.GetValue<string>())),
            batch.Events.Select(p => (p.Event.Operation, p.Event.ServiceTier, p.Event.Status)));
    }

    [Fact]
    public void Provider_is_normalised_to_lower_case()
    {
        var json = EventJson.Minimal();
        json["provider"] = "OpenAI";

        Assert.Equal("openai", EventJson.AcceptOne(json).Provider);
    }

    [Theory]
    [InlineData("2026-11-23T10:15:02Z", "2026-11-23T10:15:02+00:00")]
    [InlineData("2026-11-23T11:15:02.5+01:00", "2026-11-23T10:15:02.5+00:00")]
    [InlineData("2026-11-23T05:15:02.1234567-05:00", "2026-11-23T10:15:02.1234567+00:00")]
    [InlineData("2026-11-23T10:15:02.123456789Z", "2026-11-23T10:15:02.1234567+00:00")]
    public void Timestamps_keep_their_instant_in_utc(string wire, string expectedUtc)
    {
        var json = EventJson.Minimal();
        json["timestamp"] = wire;

        var e = EventJson.AcceptOne(json);

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
    }

    [Fact]
    public void Timestamps_at_the_edges_of_the_window_are_accepted()
    {
        var limits = EventLimits.Default;
        var early = EventJson.Minimal();
        early["timestamp"] = (EventJson.Now - limits.MaxAge).ToString("O");
        var late = EventJson.Minimal();
        late["timestamp"] = (EventJson.Now + limits.MaxFutureSkew).ToString("O");

        var batch = EventJson.Parse(early, late);

        Assert.Empty(batch.Rejections);
        Assert.Equal(2, batch.Events.Count);
    }

    [Fact]
    public void Cost_usd_is_parsed_exactly_as_a_decimal()
    {
        var json = EventJson.Minimal();
        json["cost_usd"] = JsonNode.Parse("0.000321");
        var tiny = EventJson.Minimal();
        tiny["cost_usd"] = JsonNode.Parse("0.1");
        var precise = EventJson.Minimal();
        precise["cost_usd"] = JsonNode.Parse("12345.678901234567");

        var batch = EventJson.Parse(json, tiny, precise);

        Assert.Empty(batch.Rejections);
        Assert.Equal(0.000321m, batch.Events[0].Event.ClientCostUsd);
        Assert.Equal(0.1m, batch.Events[1].Event.ClientCostUsd); // 0.1 has no exact double; it must be exact here.
        Assert.Equal(12345.678901234567m, batch.Events[2].Event.ClientCostUsd);
    }

    [Fact]
    public void Valid_and_refused_events_of_one_batch_keep_their_indexes()
    {
        var first = EventJson.Valid();
        var badTokens = EventJson.Valid();
        badTokens["usage"]!["input_tokens"] = -1;
        var third = EventJson.Minimal();
        var notAnObject = JsonValue.Create(42);
        var fifth = EventJson.Minimal();

        var batch = EventJson.Parse(first, badTokens, third, notAnObject, fifth);

        Assert.Equal([0, 2, 4], batch.Events.Select(e => e.Index));
        Assert.Equal(first["id"]!.GetValue<string>(), batch.Events[0].Event.Id.ToString());
        Assert.Equal(third["id"]!.GetValue<string>(), batch.Events[1].Event.Id.ToString());
        Assert.Equal(fifth["id"]!.GetValue<string>(), batch.Events[2].Event.Id.ToString());

        Assert.Equal([1, 3], batch.Rejections.Select(r => r.Index));
        Assert.Equal(badTokens["id"]!.GetValue<string>(), batch.Rejections[0].Id);
        Assert.StartsWith("usage.input_tokens:", batch.Rejections[0].Error, StringComparison.Ordinal);
        Assert.Null(batch.Rejections[1].Id);
        Assert.Equal("event: must be a JSON object", batch.Rejections[1].Error);
    }

    [Fact]
    public void A_rejection_carries_the_id_only_when_it_is_a_uuid()
    {
        var withUuid = EventJson.Minimal();
        withUuid["model"] = string.Empty;
        var upperCase = EventJson.Minimal();
        upperCase["id"] = "01934F1E-8A2B-7C3D-9E4F-0123456789AB";
        upperCase["model"] = string.Empty;
        var notUuid = EventJson.Minimal();
        notUuid["id"] = "order-17";

        var batch = EventJson.Parse(withUuid, upperCase, notUuid);

        Assert.Equal(withUuid["id"]!.GetValue<string>(), batch.Rejections[0].Id);
        Assert.Equal("01934f1e-8a2b-7c3d-9e4f-0123456789ab", batch.Rejections[1].Id);
        Assert.Null(batch.Rejections[2].Id);
    }

    [Fact]
    public void A_rejection_carries_service_and_environment_when_they_were_valid()
    {
        var json = EventJson.Valid();
        json["usage"]!["output_tokens"] = "300";

        var rejection = EventJson.RejectOne(json);

        Assert.Equal("checkout-api", rejection.Service);
        Assert.Equal("prod", rejection.Environment);
    }

    [Fact]
    public void An_empty_events_array_is_a_valid_batch()
    {
        var batch = EventJson.Parse("{\"events\":[]}");

        Assert.Empty(batch.Events);
        Assert.Empty(batch.Rejections);
        Assert.Null(batch.Dropped);
    }

    [Fact]
    public void The_drop_report_is_parsed()
    {
        var batch = EventJson.Parse("""{"dropped":{"queue_full":3,"rejected_by_server":2,"send_failed":1},"events":[]}""");

        Assert.Equal(new Storage.ClientDropReport(3, 2, 1), batch.Dropped);
    }

    [Fact]
    public void Missing_drop_counts_are_zero_and_a_null_report_is_absent()
    {
        Assert.Equal(new Storage.ClientDropReport(0, 5, 0), EventJson.Parse("""{"events":[],"dropped":{"rejected_by_server":5}}""").Dropped);
        Assert.Null(EventJson.Parse("""{"events":[],"dropped":null}""").Dropped);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_ignored()
    {
        var body = "\uFEFF{\"events\":[]}";

        Assert.Empty(EventJson.Parse(body).Events);
    }

    [Fact]
    public void Escaped_property_names_are_recognised()
    {
        var json = EventJson.Minimal().ToJsonString().Replace("\"model\"", "\"mo\\u0064el\"", StringComparison.Ordinal);

        var batch = EventJson.Parse("{\"events\":[" + json + "]}");

        Assert.Equal("gpt-4o-mini", Assert.Single(batch.Events).Event.Model);
    }

    private static void AssertIsDesignExample(UsageEvent e)
    {
        Assert.Equal(Guid.Parse("01934f1e-8a2b-7c3d-9e4f-0123456789ab"), e.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 15, 2, 123, TimeSpan.Zero), e.Timestamp);
        Assert.Equal("openai", e.Provider);
        Assert.Equal("gpt-4o-mini-2024-07-18", e.Model);
        Assert.Equal(Operations.Chat, e.Operation);
        Assert.Equal(new TokenUsage(1200, 300, CacheReadTokens: 1000, CacheWriteTokens: 0, CacheWrite1hTokens: 0, ReasoningTokens: 120), e.Usage);
        Assert.Equal(ServiceTiers.Default, e.ServiceTier);
        Assert.Equal(EventStatuses.Ok, e.Status);
        Assert.Equal(812, e.LatencyMs);
        Assert.Equal("checkout-api", e.Service);
        Assert.Equal("prod", e.Environment);
        Assert.Equal("pod-7f9c", e.Instance);
        Assert.Equal("openai-prod-2026-03", e.KeyLabel);
        Assert.Equal(2, e.Tags.Count);
        Assert.Equal("summarize", e.Tags["feature"]);
        Assert.Equal("acme", e.Tags["customer"]);
        Assert.Equal(0.000321m, e.ClientCostUsd);
    }
}
