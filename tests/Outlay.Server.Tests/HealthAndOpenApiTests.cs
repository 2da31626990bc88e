using System.Net;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>The unauthenticated endpoints: health and the OpenAPI document.</summary>
public sealed class HealthAndOpenApiTests
{
    [Fact]
    public async Task Healthz_answers_ok_without_a_key()
    {
        await using var server = await RunningServer.StartAsync();

        var health = await ApiJson.ExpectAsync(await server.GetAsync("/healthz", null), HttpStatusCode.OK);

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Contains(server.Logs.Lines, l => l.Contains("Outlay listening on " + server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Healthz_is_503_when_the_store_cannot_be_read()
    {
        await using var server = await RunningServer.StartAsync();
        await server.App.Store.DisposeAsync();

        var health = await ApiJson.ExpectAsync(await server.GetAsync("/healthz", null), HttpStatusCode.ServiceUnavailable);

        Assert.NotEqual("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_ingest_and_spend()
    {
        await using var server = await RunningServer.StartAsync();

        var document = await ApiJson.ExpectAsync(await server.GetAsync("/openapi/v1.json", null), HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/events", out var events));
        Assert.True(paths.TryGetProperty("/api/v1/spend", out var spend));
        Assert.True(paths.TryGetProperty("/api/v1/keys", out _));
        Assert.Equal("IngestEvents", events.GetProperty("post").GetProperty("operationId").GetString());
        Assert.True(events.GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        var parameters = spend.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("groupBy", parameters);
        Assert.Contains("filter", parameters);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("OutlayKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(events.GetProperty("post").GetProperty("security")[0].TryGetProperty("OutlayKey", out _));
        Assert.Contains("ingest key", events.GetProperty("post").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(paths.GetProperty("/healthz").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task The_server_listens_on_the_port_it_reports()
    {
        await using var server = await RunningServer.StartAsync();

        var address = Assert.Single(server.App.Addresses);

        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
    }
}
