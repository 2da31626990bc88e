using System.Net;
using Outlay.Core.Keys;
using Outlay.Core.Telemetry;
using Outlay.Server.Otlp;
using Outlay.Server.Tests.Support;
using Outlay.Testing;

namespace Outlay.Server.Tests.Otlp;

/// <summary>The protobuf and JSON decoders read the same capture into the same allow-listed span.</summary>
public sealed class OtlpDecoderTests
{
    [Fact]
    public void The_protobuf_capture_and_its_JSON_decoding_give_the_same_allow_listed_span()
    {
        var protobuf = File.ReadAllBytes(SharedFixtures.Require("fixtures/otlp/meai-capture/plain_traces_req2_meai-span.pb"));
        var json = File.ReadAllBytes(SharedFixtures.Require("fixtures/otlp/meai-capture/plain_traces_req2_meai-span.json"));
        var options = new GenAiMappingOptions();

        var fromProtobuf = Assert.Single(OtlpProtobufDecoder.DecodeTraces(protobuf, options));
        var fromJson = Assert.Single(OtlpJsonDecoder.DecodeTraces(json, options));

        Assert.Equal("ae5bf427cdac3c848ddcb033d0abb537", fromProtobuf.TraceId);
        Assert.Equal("12cf5a2f1099b7d4", fromProtobuf.SpanId);
        Assert.Null(fromProtobuf.ParentSpanId);
        Assert.Equal(1795447521685135300UL, fromProtobuf.StartUnixNano);
        Assert.Equal(1795447521906697900UL, fromProtobuf.EndUnixNano);
        Assert.Equal(TelemetryValue.FromInteger(4012), fromProtobuf.Attributes["gen_ai.usage.cache_read.input_tokens"]);
        Assert.Equal(TelemetryValue.FromString("fixture-capture"), fromProtobuf.ResourceAttributes["service.name"]);

        // Not on the allow-list, so never decoded.
        Assert.DoesNotContain("openai.api.type", fromProtobuf.Attributes.Keys);
        Assert.DoesNotContain("gen_ai.response.finish_reasons", fromProtobuf.Attributes.Keys);
        Assert.DoesNotContain("service.version", fromProtobuf.ResourceAttributes.Keys);

        Assert.Equal(fromProtobuf with { Attributes = fromJson.Attributes, ResourceAttributes = fromJson.ResourceAttributes }, fromJson);
        Assert.Equal(fromProtobuf.Attributes.OrderBy(a => a.Key), fromJson.Attributes.OrderBy(a => a.Key));
        Assert.Equal(fromProtobuf.ResourceAttributes.OrderBy(a => a.Key), fromJson.ResourceAttributes.OrderBy(a => a.Key));
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 })]
    [InlineData(new byte[] { 0x0A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })]
    [InlineData(new byte[] { 0x0B })]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x0A, 0x03, 0x12, 0x01, 0x12 })]
    [InlineData(new byte[] { 0x09, 0x01, 0x02 })]
    public void Malformed_protobuf_is_a_format_error(byte[] body)
    {
        Assert.Throws<OtlpFormatException>(() => OtlpProtobufDecoder.DecodeTraces(body, new GenAiMappingOptions()));
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_Retry_After()
    {
        await using var server = await RunningServer.StartAsync(o =>
        {
            o.IngestEventsPerSecond = 1;
            o.IngestBurstEvents = 1;
        });
        var project = await server.CreateProjectAsync("limited");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);

        var first = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(OtlpJson.ChatSpan())));
        var second = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(OtlpJson.ChatSpan())));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }
}
