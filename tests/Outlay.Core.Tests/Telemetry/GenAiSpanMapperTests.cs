using Outlay.Core.Events;
using Outlay.Core.Telemetry;
using static Outlay.Core.Tests.Telemetry.TelemetrySpans;

namespace Outlay.Core.Tests.Telemetry;

/// <summary>Attribute names of every dialect, provider and tier normalisation, and which spans are model calls.</summary>
public sealed class GenAiSpanMapperTests
{
    [Theory]
    [InlineData("gen_ai.provider.name", "openai", "openai")]
    [InlineData("gen_ai.provider.name", "azure.ai.openai", "azure")]
    [InlineData("gen_ai.system", "az.ai.openai", "azure")]
    [InlineData("gen_ai.provider.name", "gcp.gemini", "gemini")]
    [InlineData("gen_ai.provider.name", "gcp.vertex_ai", "vertex_ai")]
    [InlineData("gen_ai.provider.name", "aws.bedrock", "bedrock")]
    [InlineData("gen_ai.provider.name", "x_ai", "xai")]
    [InlineData("gen_ai.system", "xai", "xai")]
    [InlineData("gen_ai.provider.name", "mistral_ai", "mistral")]
    [InlineData("gen_ai.system", "anthropic", "anthropic")]
    [InlineData("llm.provider", "anthropic", "anthropic")]
    [InlineData("llm.system", "openai", "openai")]
    public void Provider_names_of_every_dialect_are_normalised(string attribute, string value, string expected)
    {
        var e = Single(("gen_ai.operation.name", "chat"), (attribute, value), ("gen_ai.request.model", "m"), ("gen_ai.usage.input_tokens", 1L), ("gen_ai.usage.output_tokens", 1L));

        Assert.Equal(expected, e.Provider);
    }

    [Fact]
    public void An_openai_span_sent_to_an_Azure_OpenAI_host_is_azure()
    {
        var e = Single(Chat(("server.address", "contoso-eastus.openai.azure.com")));

        Assert.Equal("azure", e.Provider);
    }

    [Fact]
    public void The_new_provider_name_wins_over_the_old_one()
    {
        var e = Single([.. Chat(), ("gen_ai.system", "az.ai.inference")]);

        Assert.Equal("openai", e.Provider);
    }

    [Theory]
    [InlineData("gen_ai.response.model", "gpt-4o-2024-08-06")]
    [InlineData("llm.model_name", "gpt-4o-2024-08-06")]
    public void The_response_model_is_preferred_and_OpenInference_names_it_too(string attribute, string model)
    {
        var attributes = attribute == "llm.model_name"
            ? new (string, object)[] { ("openinference.span.kind", "LLM"), ("llm.provider", "openai"), (attribute, model), ("llm.token_count.prompt", 5L), ("llm.token_count.completion", 2L) }
            : Chat((attribute, model));

        Assert.Equal(model, Single(attributes).Model);
    }

    [Theory]
    [InlineData("chat", "chat")]
    [InlineData("generate_content", "chat")]
    [InlineData("text_completion", "completion")]
    [InlineData("embeddings", "embeddings")]
    public void Inference_operations_map_onto_v1_operations(string operation, string expected)
    {
        var e = Single(("gen_ai.operation.name", operation), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "m"), ("gen_ai.usage.input_tokens", 10L));

        Assert.Equal(expected, e.Operation);
    }

    [Theory]
    [InlineData("gen_ai.operation.name", "execute_tool")]
    [InlineData("gen_ai.operation.name", "invoke_agent")]
    [InlineData("gen_ai.operation.name", "create_agent")]
    [InlineData("gen_ai.operation.name", "orchestrate_tools")]
    [InlineData("openinference.span.kind", "AGENT")]
    public void Non_inference_spans_are_ignored_even_with_usage(string attribute, string operation)
    {
        var result = Map(Span((attribute, operation), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "m"), ("gen_ai.usage.input_tokens", 10L), ("gen_ai.usage.output_tokens", 10L)));

        Assert.Empty(result.Events);
        Assert.Empty(result.Rejections);
        Assert.Equal(1, result.Ignored);
    }

    [Fact]
    public void Spans_without_GenAI_attributes_or_without_usage_are_ignored()
    {
        var result = Map(Span("t", "a", null, ("http.method", "GET")), Span("t", "b", null, ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m")));

        Assert.Empty(result.Events);
        Assert.Empty(result.Rejections);
        Assert.Equal(2, result.Ignored);
    }

    public static TheoryData<string, (string, object)[], TokenUsage> Dialects => new()
    {
        { "OpenTelemetry v1.41", [("gen_ai.provider.name", "openai"), ("gen_ai.usage.input_tokens", 1000L), ("gen_ai.usage.output_tokens", 200L), ("gen_ai.usage.cache_read.input_tokens", 600L), ("gen_ai.usage.cache_creation.input_tokens", 100L), ("gen_ai.usage.reasoning.output_tokens", 50L)], new TokenUsage(1000, 200, 600, 100, 0, 50) },
        { "semantic-conventions-genai cache_write", [("gen_ai.provider.name", "anthropic"), ("gen_ai.usage.input_tokens", 1000L), ("gen_ai.usage.output_tokens", 200L), ("gen_ai.usage.cache_write.input_tokens", 300L)], new TokenUsage(1000, 200, 0, 300) },
        { "OpenTelemetry <= v1.26", [("gen_ai.system", "openai"), ("gen_ai.usage.prompt_tokens", 1000L), ("gen_ai.usage.completion_tokens", 200L)], new TokenUsage(1000, 200) },
        { "OpenLLMetry OpenAI", [("gen_ai.system", "openai"), ("gen_ai.usage.input_tokens", 1000L), ("gen_ai.usage.output_tokens", 200L), ("gen_ai.usage.cache_read_input_tokens", 600L), ("gen_ai.usage.reasoning_tokens", 50L)], new TokenUsage(1000, 200, 600, 0, 0, 50) },
        { "OpenLLMetry Anthropic write (input excludes cache)", [("gen_ai.system", "anthropic"), ("gen_ai.usage.input_tokens", 4L), ("gen_ai.usage.output_tokens", 187L), ("gen_ai.usage.cache_creation_input_tokens", 1163L), ("gen_ai.usage.cache_read_input_tokens", 0L)], new TokenUsage(1167, 187, 0, 1163) },
        { "OpenLLMetry Anthropic read larger than raw input", [("gen_ai.system", "anthropic"), ("gen_ai.usage.input_tokens", 2000L), ("gen_ai.usage.output_tokens", 10L), ("gen_ai.usage.cache_read_input_tokens", 1163L)], new TokenUsage(3163, 10, 1163) },
        { "OpenInference", [("llm.provider", "openai"), ("llm.token_count.prompt", 1000L), ("llm.token_count.completion", 200L), ("llm.token_count.prompt_details.cache_read", 600L), ("llm.token_count.prompt_details.cache_write", 100L), ("llm.token_count.completion_details.reasoning", 50L)], new TokenUsage(1000, 200, 600, 100, 0, 50) },
        { "reasoning reported beside output", [("gen_ai.provider.name", "gcp.gemini"), ("gen_ai.usage.input_tokens", 5L), ("gen_ai.usage.output_tokens", 877L), ("gen_ai.usage.reasoning.output_tokens", 1058L)], new TokenUsage(5, 1935, 0, 0, 0, 1058) },
        { "cache larger than input means input excluded it", [("gen_ai.provider.name", "aws.bedrock"), ("gen_ai.usage.input_tokens", 10L), ("gen_ai.usage.output_tokens", 5L), ("gen_ai.usage.cache_creation.input_tokens", 1298L)], new TokenUsage(1308, 5, 0, 1298) },
        { "Semantic Kernel -1 means unknown", [("gen_ai.system", "openai"), ("gen_ai.usage.input_tokens", 100L), ("gen_ai.usage.output_tokens", -1L)], new TokenUsage(100, 0) },
        { "integers sent as strings", [("gen_ai.provider.name", "openai"), ("gen_ai.usage.input_tokens", "100"), ("gen_ai.usage.output_tokens", 7.0)], new TokenUsage(100, 7) },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Usage_of_every_dialect_is_normalised_with_input_including_cache_and_output_including_reasoning(string dialect, (string, object)[] attributes, TokenUsage expected)
    {
        var e = Single([("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m"), .. attributes]);

        Assert.True(expected == e.Usage, $"{dialect}: expected {expected}, got {e.Usage}");
    }

    [Theory]
    [InlineData("openai.response.service_tier", "auto", "default")]
    [InlineData("openai.response.service_tier", "default", "default")]
    [InlineData("openai.response.service_tier", "scale", "default")]
    [InlineData("openai.response.service_tier", "flex", "flex")]
    [InlineData("gen_ai.openai.response.service_tier", "priority", "priority")]
    [InlineData("openai.request.service_tier", "batch", "batch")]
    [InlineData("gen_ai.openai.request.service_tier", "flex", "flex")]
    public void Service_tiers_map_onto_the_priced_tiers(string attribute, string tier, string expected)
    {
        Assert.Equal(expected, Single(Chat((attribute, tier))).ServiceTier);
    }

    [Fact]
    public void The_response_tier_wins_over_the_request_tier()
    {
        Assert.Equal("default", Single(Chat(("openai.request.service_tier", "auto"), ("openai.response.service_tier", "default"))).ServiceTier);
        Assert.Equal("flex", Single(Chat(("openai.request.service_tier", "auto"), ("openai.response.service_tier", "flex"))).ServiceTier);
    }

    [Fact]
    public void Error_status_or_error_type_make_the_event_an_error()
    {
        var statusError = Map(Span(Chat()) with { StatusIsError = true }).Events.Single();
        var errorType = Single(Chat(("error.type", "429")));
        var ok = Single(Chat());

        Assert.Equal(EventStatuses.Error, statusError.Status);
        Assert.Equal(EventStatuses.Error, errorType.Status);
        Assert.Equal(EventStatuses.Ok, ok.Status);
    }

    [Fact]
    public void Timestamp_is_the_end_time_latency_the_duration_and_resource_attributes_name_service_environment_and_instance()
    {
        var span = Span(Chat()) with
        {
            ResourceAttributes = new Dictionary<string, TelemetryValue>
            {
                ["service.name"] = TelemetryValue.FromString("checkout"),
                ["deployment.environment"] = TelemetryValue.FromString("staging"),
                ["service.instance.id"] = TelemetryValue.FromString("pod-7f9c"),
            },
        };

        var e = Map(span).Events.Single();
        var newName = Map(span with { ResourceAttributes = new Dictionary<string, TelemetryValue> { ["deployment.environment.name"] = TelemetryValue.FromString("prod"), ["deployment.environment"] = TelemetryValue.FromString("old") } }).Events.Single();

        Assert.Equal(Now.AddSeconds(-60), e.Timestamp);
        Assert.Equal(1000, e.LatencyMs);
        Assert.Equal("checkout", e.Service);
        Assert.Equal("staging", e.Environment);
        Assert.Equal("pod-7f9c", e.Instance);
        Assert.Equal("prod", newName.Environment);
    }

    [Fact]
    public void Configured_attributes_become_tags_and_nothing_else_does()
    {
        var options = new GenAiMappingOptions(new Dictionary<string, string> { ["app.feature"] = "feature" });
        var span = Span(Chat(("app.feature", "summarize"), ("app.other", "x")));

        var e = GenAiSpanMapper.Map([span], options, Now).Events.Single();

        Assert.Equal(new Dictionary<string, string> { ["feature"] = "summarize" }, e.Tags);
        Assert.Contains("app.feature", options.KeptSpanAttributes);
        Assert.DoesNotContain("app.other", options.KeptSpanAttributes);
        Assert.DoesNotContain("gen_ai.input.messages", options.KeptSpanAttributes);
    }

    [Theory]
    [InlineData("gen_ai.input.messages", "messages")]
    [InlineData("llm.input_messages.0.message.content", "first")]
    [InlineData("app.feature", "Feature")]
    [InlineData("app.feature", "prompt")]
    public void Tag_mappings_that_would_carry_content_or_break_tag_rules_are_refused(string attribute, string tag)
    {
        Assert.Throws<ArgumentException>(() => new GenAiMappingOptions(new Dictionary<string, string> { [attribute] = tag }));
    }

    [Fact]
    public void A_credential_in_a_kept_value_rejects_the_span_naming_the_attribute_and_format()
    {
        var secret = "sk-" + "proj-" + new string('a', 20) + "B7xQ9kLm2Np4Rs6Tv8Wy0Zc3Fh5Jd1Gk";

        var result = Map(Span(Chat(("gen_ai.response.model", secret))));

        Assert.Empty(result.Events);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("gen_ai.response.model", rejection.Secret?.Field);
        Assert.Equal("svc", rejection.Service);
        Assert.DoesNotContain(secret, rejection.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chatcmpl-E1mBQt42vYTsKNd5wnyJlT0db7v9S")]
    [InlineData("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b")]
    [InlineData("msg_01XFDUDYJgAACzvnptvVoYEL")]
    [InlineData("msg_bdrk_01Tz7bC6ZPVwE1j3i9ENqdrH")]
    [InlineData("cmpl-9f3c2a7e4b1d4c8f9a2e6b5d3c1f0a9e")]
    public void Real_response_ids_are_not_mistaken_for_credentials(string responseId)
    {
        var e = Single(Chat(("gen_ai.response.id", responseId)));

        Assert.Equal(TelemetryEventId.FromResponseId(responseId), e.Id);
    }

    [Theory]
    [InlineData(-5L)]
    [InlineData(100_000_001L)]
    public void Invalid_counts_reject_the_span(long count)
    {
        var result = Map(Span(("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "m"), ("gen_ai.usage.input_tokens", count)));

        Assert.Contains("gen_ai.usage.input_tokens", Assert.Single(result.Rejections).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_provider_or_model_and_unusable_end_times_reject_the_span()
    {
        var noProvider = Map(Span(("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m"), ("gen_ai.usage.input_tokens", 1L)));
        var future = Map(Span(Chat()) with { EndUnixNano = UnixNano(Now.AddMinutes(10)) });
        var unset = Map(Span(Chat()) with { EndUnixNano = 0 });

        Assert.Contains("gen_ai.provider.name", Assert.Single(noProvider.Rejections).Error, StringComparison.Ordinal);
        Assert.Contains("end_time_unix_nano", Assert.Single(future.Rejections).Error, StringComparison.Ordinal);
        Assert.Contains("end_time_unix_nano", Assert.Single(unset.Rejections).Error, StringComparison.Ordinal);
    }
}
