using System.Net;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Spend;

public sealed class SpendOpenApiTests
{
    [Fact]
    public async Task The_spend_operation_documents_time_zone_and_csv()
    {
        await using var server = await RunningServer.StartAsync();

        var document = await ApiJson.ExpectAsync(await server.GetAsync("/openapi/v1.json", null), HttpStatusCode.OK);

        var get = document.GetProperty("paths").GetProperty("/api/v1/spend").GetProperty("get");
        var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("timeZone", parameters);
        Assert.Contains("format", parameters);
        Assert.Contains("Europe/Berlin", get.GetProperty("description").GetString(), StringComparison.Ordinal);
        var ok = get.GetProperty("responses").GetProperty("200");
        Assert.True(ok.TryGetProperty("content", out var content), ok.GetRawText());
        Assert.True(content.TryGetProperty("text/csv", out _), content.GetRawText());
        Assert.True(content.TryGetProperty("application/json", out _), content.GetRawText());
    }
}
