using System.Net;
using System.Text.Json;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Spend;

public sealed class SpendApiCsvTests
{
    [Fact]
    public async Task Csv_has_the_json_rows_in_the_same_order_with_the_same_digits()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("csv");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var at = new DateTimeOffset(2026, 11, 2, 9, 15, 0, TimeSpan.Zero);
        await server.App.Store.AppendEventsAsync(
            project,
            [
                SpendSeed.Event(at, 1_234_567_891, "gpt-4o", "prod"),
                SpendSeed.Event(at.AddDays(1), 7, "=HYPERLINK(\"http://evil\")", "prod, eu"),
                SpendSeed.Event(at.AddDays(1), 2_000_000_000, "claude", null),
            ],
            TestContext.Current.CancellationToken);
        const string Query = "from=2026-11-01&to=2026-11-05&groupBy=model,environment&interval=day&timeZone=Europe/Berlin";

        using var csvResponse = await server.GetAsync("/api/v1/spend?format=csv&" + Query, key);
        using var jsonResponse = await server.GetAsync("/api/v1/spend?" + Query, key);

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var rows = json.RootElement.GetProperty("rows");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "model,environment,bucket,cost_usd,events,unpriced_events,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens",
            lines[0]);
        Assert.Equal(rows.GetArrayLength() + 1, lines.Length);
        Assert.Equal(3, rows.GetArrayLength());
        Assert.Equal(
            $"claude,,2026-11-03T00:00:00+01:00,{rows[0].GetProperty("cost_usd").GetRawText()},1,0,100,10,0,0,0",
            lines[1]);
        Assert.Equal("gpt-4o,prod,2026-11-02T00:00:00+01:00,1.234567891,1,0,100,10,0,0,0", lines[2]);
        // The formula is neutralised with a leading quote and the comma-holding value is quoted.
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil\"\")\",\"prod, eu\",2026-11-03T00:00:00+01:00,0.000000007,1,0,100,10,0,0,0", lines[3]);
        Assert.Equal("=HYPERLINK(\"http://evil\")", rows[2].GetProperty("model").GetString());
    }
}
