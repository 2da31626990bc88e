using Outlay.Core.Telemetry;
using static Outlay.Core.Tests.Telemetry.TelemetrySpans;

namespace Outlay.Core.Tests.Telemetry;

/// <summary>Nested spans of one call count once; event ids are deterministic so re-sent exports dedupe in the store.</summary>
public sealed class GenAiDeduplicationTests
{
    private static readonly (string, object)[] OpenAiSdkSpan =
    [
        ("gen_ai.system", "openai"), ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "gpt-5.6-sol"),
        ("gen_ai.response.id", "chatcmpl-1"), ("gen_ai.usage.input_tokens", 4020L), ("gen_ai.usage.output_tokens", 4L),
    ];

    private static readonly (string, object)[] MeaiSpan =
    [
        ("gen_ai.provider.name", "openai"), ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "gpt-5.6-sol"),
        ("gen_ai.response.id", "chatcmpl-1"), ("gen_ai.usage.input_tokens", 4020L), ("gen_ai.usage.output_tokens", 4L),
        ("gen_ai.usage.cache_read.input_tokens", 4012L), ("gen_ai.usage.reasoning.output_tokens", 0L),
    ];

    [Fact]
    public void Spans_sharing_a_response_id_count_once_keeping_the_richest_usage_whichever_comes_first()
    {
        var parent = Span("t", "meai", null, MeaiSpan);
        var child = Span("t", "sdk", "meai", OpenAiSdkSpan);

        var childFirst = Map(child, parent);
        var parentFirst = Map(parent, child);

        foreach (var result in new[] { childFirst, parentFirst })
        {
            var e = Assert.Single(result.Events);
            Assert.Equal(4012, e.Usage.CacheReadTokens);
            Assert.Equal(TelemetryEventId.FromResponseId("chatcmpl-1"), e.Id);
            Assert.Equal(1, result.Duplicates);
        }
    }

    [Fact]
    public void On_equal_detail_the_innermost_span_of_a_response_id_is_kept()
    {
        var outer = Span("t", "outer", null, Chat(("gen_ai.response.id", "r"), ("gen_ai.response.model", "outer-model")));
        var inner = Span("t", "inner", "outer", Chat(("gen_ai.response.id", "r"), ("gen_ai.response.model", "inner-model")));

        Assert.Equal("inner-model", Assert.Single(Map(outer, inner).Events).Model);
        Assert.Equal("inner-model", Assert.Single(Map(inner, outer).Events).Model);
    }

    [Fact]
    public void Without_response_ids_a_GenAI_span_wrapping_another_through_other_spans_is_dropped()
    {
        var outer = Span("t", "a", null, Chat(("gen_ai.response.model", "outer")));
        var http = Span("t", "b", "a", ("http.request.method", "POST"));
        var inner = Span("t", "c", "b", Chat(("gen_ai.response.model", "inner")));

        var result = Map(outer, http, inner);

        var e = Assert.Single(result.Events);
        Assert.Equal("inner", e.Model);
        Assert.Equal(TelemetryEventId.FromSpan("t", "c"), e.Id);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(1, result.Ignored);
    }

    [Fact]
    public void Sibling_calls_and_nested_calls_with_different_response_ids_are_all_kept()
    {
        var agent = Span("t", "agent", null, ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.usage.input_tokens", 9000L));
        var first = Span("t", "c1", "agent", Chat());
        var second = Span("t", "c2", "agent", Chat());
        var outer = Span("u", "o", null, Chat(("gen_ai.response.id", "r1")));
        var nested = Span("u", "n", "o", Chat(("gen_ai.response.id", "r2")));

        var result = Map(agent, first, second, outer, nested);

        Assert.Equal(4, result.Events.Count);
        Assert.Equal(4, result.Events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(1, result.Ignored);
    }

    [Fact]
    public void Event_ids_are_deterministic_name_based_uuids()
    {
        var span = Span("ae5bf427cdac3c848ddcb033d0abb537", "12cf5a2f1099b7d4", null, Chat());

        var first = Map(span).Events.Single().Id;
        var again = Map(span).Events.Single().Id;
        var other = Map(span with { SpanId = "12cf5a2f1099b7d5" }).Events.Single().Id;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(8, first.Version);
        Assert.NotEqual(TelemetryEventId.FromResponseId("x"), TelemetryEventId.FromSpan("x", string.Empty));
    }

    [Fact]
    public void A_span_with_neither_ids_nor_a_response_id_is_rejected_rather_than_stored_without_an_identity()
    {
        var result = Map(Span(Chat()) with { TraceId = null, SpanId = null });

        Assert.Empty(result.Events);
        Assert.Contains("gen_ai.response.id", Assert.Single(result.Rejections).Error, StringComparison.Ordinal);
    }
}
