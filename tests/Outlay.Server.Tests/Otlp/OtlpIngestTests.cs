using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outlay.Core.Events;
using Outlay.Core.Keys;
using Outlay.Core.Pricing;
using Outlay.Server.Tests.Support;
using Outlay.Testing;

namespace Outlay.Server.Tests.Otlp;

/// <summary>POST /v1/traces on real Kestrel with the real .NET exporter's captures and built OTLP/JSON spans.</summary>
public sealed class OtlpIngestTests
{
    private const string MeaiProtobuf = "fixtures/otlp/meai-capture/plain_traces_req2_meai-span.pb";
    private const string MeaiJson = "fixtures/otlp/meai-capture/plain_traces_req2_meai-span.json";
    private const string OpenAiSdkJson = "fixtures/otlp/meai-capture/plain_traces_req1_openai-sdk-span.json";

    /// <summary>The capture's span ends at 2026-11-23T15:25:21.906Z; its hour holds its spend.</summary>
    private static readonly DateTimeOffset CaptureEnd = DateTimeOffset.UnixEpoch.AddTicks(1795447521906697900 / 100);

    /// <summary>What the MEAI span carries: input 4020 of which 4012 cache reads, output 4 (0 reasoning), default tier.</summary>
    private static readonly TokenUsage CaptureUsage = new(4020, 4, CacheReadTokens: 4012);

    [Fact]
    public async Task The_real_protobuf_export_of_the_MEAI_span_is_stored_and_priced_as_the_calculator_prices_its_usage()
    {
        var body = File.ReadAllBytes(SharedFixtures.Require(MeaiProtobuf));
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);

        var response = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(body, "application/x-protobuf"));
        var answer = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var spend = await OtlpServerSpend.QueryAsync(server, read, CaptureEnd.AddHours(-1), CaptureEnd.AddHours(1), "provider,model,service,service_tier");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(answer);
        var expected = new CostCalculator(PriceCatalog.BuiltIn).Calculate("openai", "gpt-5.6-sol", CaptureUsage, ServiceTiers.Default, CaptureEnd);
        Assert.True(expected.Priced);
        var row = Assert.Single(spend.GetProperty("rows").EnumerateArray());
        Assert.Equal("openai", row.GetProperty("provider").GetString());
        Assert.Equal("gpt-5.6-sol", row.GetProperty("model").GetString());
        Assert.Equal("fixture-capture", row.GetProperty("service").GetString());
        Assert.Equal("default", row.GetProperty("service_tier").GetString());
        Assert.Equal(1, row.GetProperty("events").GetInt64());
        Assert.Equal(4020, row.GetProperty("input_tokens").GetInt64());
        Assert.Equal(4012, row.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(4, row.GetProperty("output_tokens").GetInt64());
        Assert.Equal(0, spend.GetProperty("unpriced_events").GetInt64());
        Assert.Equal(expected.CostNanoUsd!.Value / 1_000_000_000m, spend.GetProperty("total_cost_usd").GetDecimal());
    }

    [Fact]
    public async Task The_json_and_protobuf_forms_of_one_export_are_one_call()
    {
        var json = SharedFixtures.ReadText(MeaiJson);
        var protobuf = File.ReadAllBytes(SharedFixtures.Require(MeaiProtobuf));
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);

        var first = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(json));
        var firstAnswer = await ApiJson.ExpectAsync(first, HttpStatusCode.OK);
        var afterJson = await OtlpServerSpend.QueryAsync(server, read, CaptureEnd.AddHours(-1), CaptureEnd.AddHours(1));
        var second = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(protobuf, "application/x-protobuf"));
        var afterBoth = await OtlpServerSpend.QueryAsync(server, read, CaptureEnd.AddHours(-1), CaptureEnd.AddHours(1));

        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Object, firstAnswer.ValueKind);
        Assert.Empty(firstAnswer.EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, OtlpServerSpend.Events(afterJson));
        Assert.Equal(4012, OtlpServerSpend.Sum(afterJson, "cache_read_tokens"));
        Assert.Equal(afterJson.GetProperty("total_cost_usd").GetDecimal(), afterBoth.GetProperty("total_cost_usd").GetDecimal());
        Assert.Equal(1, OtlpServerSpend.Events(afterBoth));
    }

    [Fact]
    public async Task The_OpenAI_SDK_span_then_the_MEAI_span_in_separate_exports_count_once_priced_with_the_cache_split()
    {
        await AssertSeparateExportsPricedWithCacheSplitAsync(meaiFirst: false);
    }

    [Fact]
    public async Task The_MEAI_span_then_the_OpenAI_SDK_span_in_separate_exports_count_once_priced_with_the_cache_split()
    {
        await AssertSeparateExportsPricedWithCacheSplitAsync(meaiFirst: true);
    }

    [Fact]
    public async Task Both_spans_of_one_call_in_one_export_count_once_with_the_MEAI_cache_split()
    {
        var child = JsonNode.Parse(SharedFixtures.ReadText(OpenAiSdkJson))!.AsObject();
        var parent = JsonNode.Parse(SharedFixtures.ReadText(MeaiJson))!.AsObject();
        var merged = child["resourceSpans"]!.AsArray();
        merged.Add(parent["resourceSpans"]![0]!.DeepClone());
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);

        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(child.ToJsonString())), HttpStatusCode.OK);
        var spend = await OtlpServerSpend.QueryAsync(server, read, CaptureEnd.AddHours(-1), CaptureEnd.AddHours(1));

        Assert.Equal(1, OtlpServerSpend.Events(spend));
        Assert.Equal(4012, OtlpServerSpend.Sum(spend, "cache_read_tokens"));
    }

    [Fact]
    public async Task The_official_example_trace_of_non_GenAI_spans_is_accepted_and_stores_nothing()
    {
        var json = SharedFixtures.ReadText("fixtures/otlp/otlp-proto-example-trace.json");
        await using var server = await RunningServer.StartAsync();
        var (ingest, _) = await KeysAsync(server);

        var answer = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(json)), HttpStatusCode.OK);
        var stored = await server.App.Store.QuerySpendAsync(
            (await server.App.Store.FindProjectAsync("otlp", TestContext.Current.CancellationToken))!.Id,
            Core.Querying.SpendQueryParser.Parse("2018-12-13", "2018-12-14", null, null, null, DateTimeOffset.UtcNow),
            TestContext.Current.CancellationToken);

        Assert.Empty(answer.EnumerateObject());
        Assert.Empty(stored.Rows);
    }

    [Fact]
    public async Task A_gzip_protobuf_export_is_read()
    {
        var body = File.ReadAllBytes(SharedFixtures.Require(MeaiProtobuf));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);
        var content = OtlpJson.Content(compressed.ToArray(), "application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, content);
        var spend = await OtlpServerSpend.QueryAsync(server, read, CaptureEnd.AddHours(-1), CaptureEnd.AddHours(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, OtlpServerSpend.Events(spend));
    }

    [Fact]
    public async Task Only_an_ingest_key_may_export_as_bearer_or_x_outlay_key()
    {
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);
        var body = OtlpJson.Traces(OtlpJson.ChatSpan());

        var none = await server.SendAsync(HttpMethod.Post, "/v1/traces", null, OtlpJson.Content(body));
        var readKey = await server.SendAsync(HttpMethod.Post, "/v1/traces", read, OtlpJson.Content(body));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = OtlpJson.Content(body) };
        request.Headers.Add("x-outlay-key", ingest);
        var header = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var logs = await server.SendAsync(HttpMethod.Post, "/v1/logs", read, OtlpJson.Content(OtlpJson.Logs(new JsonObject())));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, logs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        Assert.Equal(1, OtlpServerSpend.Events(await OtlpServerSpend.RecentAsync(server, read)));
    }

    [Fact]
    public async Task A_priced_span_built_in_OTLP_JSON_is_priced_and_its_mapped_attribute_becomes_a_tag()
    {
        await using var server = await RunningServer.StartAsync(o => o.OtlpTagAttributes["app.feature"] = "feature");
        var (ingest, read) = await KeysAsync(server);
        var span = OtlpJson.ChatSpan("gpt-4o-mini", 1200, 300, "chatcmpl-tagged", extra: OtlpJson.Attribute("app.feature", "summarize"));

        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(span))), HttpStatusCode.OK);
        var spend = await OtlpServerSpend.RecentAsync(server, read, "tag.feature,environment");

        var row = Assert.Single(spend.GetProperty("rows").EnumerateArray());
        Assert.Equal("summarize", row.GetProperty("tag.feature").GetString());
        Assert.Equal("prod", row.GetProperty("environment").GetString());
        var expected = new CostCalculator(PriceCatalog.BuiltIn).Calculate("openai", "gpt-4o-mini", new TokenUsage(1200, 300), ServiceTiers.Default, DateTimeOffset.UtcNow);
        Assert.True(expected.Priced);
        Assert.Equal(expected.CostNanoUsd!.Value / 1_000_000_000m, row.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task A_span_carrying_a_credential_is_rejected_in_partial_success_and_recorded_as_a_finding()
    {
        await using var server = await RunningServer.StartAsync(o => o.OtlpTagAttributes["app.customer"] = "customer");
        var (ingest, read) = await KeysAsync(server);
        var secret = "sk-" + "proj-" + OtlpJson.NewId(24);
        var leaking = OtlpJson.ChatSpan(responseId: "chatcmpl-leak", extra: OtlpJson.Attribute("app.customer", secret));
        var fine = OtlpJson.ChatSpan(responseId: "chatcmpl-fine");

        var response = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(leaking, fine)));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var answer = await ApiJson.ExpectAsync(response, HttpStatusCode.OK);
        var findings = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/findings", read), HttpStatusCode.OK);

        var partial = answer.GetProperty("partialSuccess");
        Assert.Equal(1, partial.GetProperty("rejectedSpans").GetInt64());
        Assert.Contains("app.customer", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var finding = Assert.Single(findings.GetProperty("findings").EnumerateArray());
        Assert.Equal("otlp-test", finding.GetProperty("where").GetProperty("service").GetString());
        Assert.Equal("secret_in_span", finding.GetProperty("kind").GetString());
        Assert.Equal(1, OtlpServerSpend.Events(await OtlpServerSpend.RecentAsync(server, read)));

        await server.StopAsync();
        var bytes = Encoding.UTF8.GetBytes(secret);
        Assert.All(server.ReadStoreFiles(), file => Assert.True(file.AsSpan().IndexOf(bytes) < 0, "the secret was found in a store file"));
        Assert.DoesNotContain(secret, server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaked_resource_attribute_repeated_on_every_span_is_one_finding()
    {
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);
        var secret = "sk-" + "proj-" + OtlpJson.NewId(24);
        var resource = new JsonArray { OtlpJson.Attribute("service.name", "leaky"), OtlpJson.Attribute("service.instance.id", secret) };
        var spans = Enumerable.Range(0, 20).Select(i => OtlpJson.ChatSpan(responseId: "chatcmpl-r" + i)).ToArray();

        var answer = await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(resource, spans))), HttpStatusCode.OK);
        var findings = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/findings", read), HttpStatusCode.OK);

        Assert.Equal(20, answer.GetProperty("partialSuccess").GetProperty("rejectedSpans").GetInt64());
        var finding = Assert.Single(findings.GetProperty("findings").EnumerateArray());
        Assert.Contains("service.instance.id", finding.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, OtlpServerSpend.Events(await OtlpServerSpend.RecentAsync(server, read)));
    }

    [Fact]
    public async Task A_JSON_export_with_invalid_counts_is_answered_with_partialSuccess_naming_the_attribute()
    {
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);
        var invalid = OtlpJson.ChatSpan(inputTokens: -5);

        var json = await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(invalid))), HttpStatusCode.OK);

        Assert.Equal(1, json.GetProperty("partialSuccess").GetProperty("rejectedSpans").GetInt64());
        Assert.Contains("gen_ai.usage.input_tokens", json.GetProperty("partialSuccess").GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, OtlpServerSpend.Events(await OtlpServerSpend.RecentAsync(server, read)));
    }

    [Fact]
    public async Task Malformed_protobuf_is_400_and_the_server_keeps_serving()
    {
        var body = File.ReadAllBytes(SharedFixtures.Require(MeaiProtobuf));
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);

        var truncated = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(body[..(body.Length / 2)], "application/x-protobuf"));
        var garbage = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "application/x-protobuf"));
        var group = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content([0x0B, 0x0C], "application/x-protobuf"));
        var badJson = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content("{\"resourceSpans\": 7}"));
        var wrongType = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, new StringContent("hello", Encoding.UTF8, "text/plain"));
        var valid = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(body, "application/x-protobuf"));

        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, group.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(1, OtlpServerSpend.Events(await OtlpServerSpend.QueryAsync(server, read, CaptureEnd.AddHours(-1), CaptureEnd.AddHours(1))));
    }

    [Fact]
    public async Task An_oversized_export_is_413()
    {
        await using var server = await RunningServer.StartAsync(o => o.MaxRequestBodyBytes = 4096);
        var (ingest, _) = await KeysAsync(server);
        var spans = Enumerable.Range(0, 40).Select(i => OtlpJson.ChatSpan(responseId: "chatcmpl-" + i)).ToArray();

        var response = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(spans)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_inference_details_log_record_is_stored_from_its_usage_attributes()
    {
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);
        var record = new JsonObject
        {
            ["timeUnixNano"] = OtlpJson.UnixNano(DateTimeOffset.UtcNow.AddMinutes(-1)),
            ["eventName"] = "gen_ai.client.inference.operation.details",
            ["traceId"] = OtlpJson.NewId(16),
            ["spanId"] = OtlpJson.NewId(8),
            ["body"] = new JsonObject { ["stringValue"] = "not read" },
            ["attributes"] = new JsonArray
            {
                OtlpJson.Attribute("gen_ai.operation.name", "chat"),
                OtlpJson.Attribute("gen_ai.provider.name", "anthropic"),
                OtlpJson.Attribute("gen_ai.response.model", "claude-sonnet-4-20250514"),
                OtlpJson.Attribute("gen_ai.usage.input_tokens", 2000),
                OtlpJson.Attribute("gen_ai.usage.output_tokens", 100),
                OtlpJson.Attribute("gen_ai.usage.cache_read.input_tokens", 1500),
            },
        };
        var other = new JsonObject { ["timeUnixNano"] = OtlpJson.UnixNano(DateTimeOffset.UtcNow), ["body"] = new JsonObject { ["stringValue"] = "an ordinary log line" } };
        var body = JsonNode.Parse(OtlpJson.Logs(record))!;
        body["resourceLogs"]![0]!["scopeLogs"]![0]!["logRecords"]!.AsArray().Add(other);

        var answer = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/v1/logs", ingest, OtlpJson.Content(body.ToJsonString())), HttpStatusCode.OK);
        var spend = await OtlpServerSpend.RecentAsync(server, read, "provider,service");

        Assert.Empty(answer.EnumerateObject());
        var row = Assert.Single(spend.GetProperty("rows").EnumerateArray());
        Assert.Equal("anthropic", row.GetProperty("provider").GetString());
        Assert.Equal("otlp-logs", row.GetProperty("service").GetString());
        Assert.Equal(1500, row.GetProperty("cache_read_tokens").GetInt64());
    }

    /// <summary>The .NET exporter with a Simple processor sends the child (OpenAI SDK) span first, alone.</summary>
    private static async Task AssertSeparateExportsPricedWithCacheSplitAsync(bool meaiFirst)
    {
        var child = OtlpJson.Content(SharedFixtures.ReadText(OpenAiSdkJson));
        var parent = OtlpJson.Content(File.ReadAllBytes(SharedFixtures.Require(MeaiProtobuf)), "application/x-protobuf");
        await using var server = await RunningServer.StartAsync();
        var (ingest, read) = await KeysAsync(server);

        var first = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, meaiFirst ? parent : child);
        var second = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, meaiFirst ? child : parent);
        var spend = await OtlpServerSpend.QueryAsync(server, read, CaptureEnd.AddHours(-1), CaptureEnd.AddHours(1));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, OtlpServerSpend.Events(spend));
        Assert.Equal(4020, OtlpServerSpend.Sum(spend, "input_tokens"));
        Assert.Equal(4012, OtlpServerSpend.Sum(spend, "cache_read_tokens"));
        Assert.Equal(4, OtlpServerSpend.Sum(spend, "output_tokens"));
        var expected = new CostCalculator(PriceCatalog.BuiltIn).Calculate("openai", "gpt-5.6-sol", CaptureUsage, ServiceTiers.Default, CaptureEnd);
        Assert.True(expected.Priced);
        Assert.Equal(expected.CostNanoUsd!.Value / 1_000_000_000m, spend.GetProperty("total_cost_usd").GetDecimal());
    }

    private static async Task<(string Ingest, string Read)> KeysAsync(RunningServer server)
    {
        var project = await server.CreateProjectAsync("otlp");
        return (await server.CreateKeyAsync(project, ApiKeyKind.Ingest), await server.CreateKeyAsync(project, ApiKeyKind.Read));
    }
}
