using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Outlay.Core.Keys;
using Outlay.Server.Otlp;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Otlp;

/// <summary>
/// Content canaries: spans and log records carrying message content under every dialect's names, with unique markers.
/// The calls are stored, and after shutdown no marker is in the store's files (db, -wal, -shm), the logs or the answers.
/// </summary>
public sealed class OtlpContentCanaryTests
{
    private static readonly string[] ContentAttributes =
    [
        "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.prompt.0.content", "input.value", "gen_ai.headers",
        "llm.input_messages.0.message.content", "gen_ai.system_instructions", "output.value",
    ];

    [Fact]
    public async Task Content_attributes_and_log_bodies_never_reach_the_store_or_the_logs()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("canary");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var markers = new List<string>();
        var answers = new List<string>();
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var resource = new (string, object)[] { ("service.name", "canary-svc") };

        // Protobuf span and log record.
        var protobufSpan = OtlpProtobufWriter.Span(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(8), end, false,
            [.. Usage("chatcmpl-canary-pb"), .. Content(markers)]);
        answers.Add(await PostAsync(server, "/v1/traces", ingest, OtlpJson.Content(OtlpProtobufWriter.Traces(resource, protobufSpan), "application/x-protobuf")));
        var bodyMarker = Marker(markers);
        var protobufLog = OtlpProtobufWriter.LogRecord(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(8), end,
            "gen_ai.client.inference.operation.details", bodyMarker, [.. Usage("chatcmpl-canary-log"), .. Content(markers)]);
        answers.Add(await PostAsync(server, "/v1/logs", ingest, OtlpJson.Content(OtlpProtobufWriter.Logs(resource, protobufLog), "application/x-protobuf")));

        // OTLP/JSON span and log record.
        var jsonSpan = OtlpJson.ChatSpan(responseId: "chatcmpl-canary-json", extra: [.. Content(markers).Select(c => OtlpJson.Attribute(c.Key, c.Value))]);
        answers.Add(await PostAsync(server, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(jsonSpan))));
        var jsonLog = new JsonObject
        {
            ["timeUnixNano"] = OtlpJson.UnixNano(end),
            ["eventName"] = "gen_ai.client.inference.operation.details",
            ["body"] = new JsonObject { ["stringValue"] = Marker(markers) },
            ["attributes"] = new JsonArray([.. Usage("chatcmpl-canary-json-log").Concat(Content(markers)).Select(a => (JsonNode)OtlpJson.Attribute(a.Key, a.Value))]),
        };
        answers.Add(await PostAsync(server, "/v1/logs", ingest, OtlpJson.Content(OtlpJson.Logs(jsonLog))));

        Assert.Equal(4, OtlpServerSpend.Events(await OtlpServerSpend.RecentAsync(server, read)));
        await server.StopAsync();
        var files = server.ReadStoreFiles();
        Assert.NotEmpty(files);
        foreach (var marker in markers)
        {
            var bytes = Encoding.UTF8.GetBytes(marker);
            Assert.All(files, file => Assert.True(file.AsSpan().IndexOf(bytes) < 0, "a content marker was found in a store file"));
            Assert.DoesNotContain(marker, server.Logs.AllText, StringComparison.Ordinal);
            Assert.All(answers, answer => Assert.DoesNotContain(marker, answer, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_protobuf_export_with_an_invalid_span_is_answered_with_an_encoded_partial_success()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("partial");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var valid = OtlpProtobufWriter.Span(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(8), end, true, Usage("chatcmpl-ok"));
        var invalid = OtlpProtobufWriter.Span(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(8), end, false,
            ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "gpt-4o"),
            ("gen_ai.usage.input_tokens", 1_000_000_000L), ("gen_ai.usage.output_tokens", 1L));
        var tool = OtlpProtobufWriter.Span(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(8), end, false,
            ("gen_ai.operation.name", "execute_tool"), ("gen_ai.usage.input_tokens", 5L));

        var response = await server.SendAsync(HttpMethod.Post, "/v1/traces", ingest,
            OtlpJson.Content(OtlpProtobufWriter.Traces([("service.name", "pb")], valid, invalid, tool), "application/x-protobuf"));
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var (rejected, message) = ReadPartialSuccess(body);
        var stored = await server.App.Store.QuerySpendAsync(project, Core.Querying.SpendQueryParser.Parse("1d", null, "status", null, null, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, rejected);
        Assert.Contains("gen_ai.usage.input_tokens", message, StringComparison.Ordinal);
        var row = Assert.Single(stored.Rows);
        Assert.Equal(1, row.Events);
        Assert.Equal("error", row.Dimensions["status"]);
    }

    private static (long Rejected, string Message) ReadPartialSuccess(byte[] body)
    {
        var outer = new ProtobufReader(body);
        var (field, wireType) = outer.ReadTag();
        Assert.Equal(1, field);
        var inner = new ProtobufReader(outer.ReadBytes(wireType));
        long rejected = 0;
        var message = string.Empty;
        while (!inner.AtEnd)
        {
            var (f, w) = inner.ReadTag();
            if (f == 1)
            {
                rejected = (long)inner.ReadVarint(w);
            }
            else
            {
                message = Encoding.UTF8.GetString(inner.ReadBytes(w));
            }
        }

        return (rejected, message);
    }

    private static async Task<string> PostAsync(RunningServer server, string path, string key, HttpContent content)
    {
        var response = await server.SendAsync(HttpMethod.Post, path, key, content);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Encoding.UTF8.GetString(bytes);
    }

    private static (string Key, object Value)[] Usage(string responseId) =>
    [
        ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "gpt-4o-mini"),
        ("gen_ai.response.id", responseId), ("gen_ai.usage.input_tokens", 900L), ("gen_ai.usage.output_tokens", 90L),
    ];

    private static (string Key, object Value)[] Content(List<string> markers) =>
        [.. ContentAttributes.Select(name => (name, (object)("[{\"role\":\"user\",\"content\":\"" + Marker(markers) + "\"}]")))];

    private static string Marker(List<string> markers)
    {
        var marker = "canary-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        markers.Add(marker);
        return marker;
    }
}
