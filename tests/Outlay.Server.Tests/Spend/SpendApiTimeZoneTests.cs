using System.Net;
using System.Text.Json;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Spend;

public sealed class SpendApiTimeZoneTests
{
    [Fact]
    public async Task Day_buckets_follow_berlin_local_days_across_the_autumn_change()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("tz");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var total = await SpendSeed.EveryHourAsync(
            server.App.Store, project, new DateTimeOffset(2026, 10, 23, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 26, 23, 0, 0, TimeSpan.Zero));

        using var response = await server.GetAsync("/api/v1/spend?from=2026-10-24&to=2026-10-27&interval=day&timeZone=Europe/Berlin", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = body.RootElement;

        Assert.Equal("Europe/Berlin", root.GetProperty("time_zone").GetString());
        Assert.Equal("2026-10-24T00:00:00+02:00", root.GetProperty("from").GetString());
        Assert.Equal("2026-10-27T00:00:00+01:00", root.GetProperty("to").GetString());
        var byBucket = root.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("bucket").GetString()!, r => r.GetProperty("events").GetInt64());
        Assert.Equal(24, byBucket["2026-10-24T00:00:00+02:00"]);
        Assert.Equal(25, byBucket["2026-10-25T00:00:00+02:00"]);
        Assert.Equal(24, byBucket["2026-10-26T00:00:00+01:00"]);
        Assert.Equal(3, byBucket.Count);

        // Folded days sum to the same nano-dollars as the store's own total and as an unfolded hourly query.
        var rowSum = root.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(total / 1_000_000_000m, rowSum);
        Assert.Equal(rowSum, root.GetProperty("total_cost_usd").GetDecimal());
    }

    [Fact]
    public async Task Without_a_zone_day_buckets_stay_utc_days()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("utc");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        await SpendSeed.EveryHourAsync(
            server.App.Store, project, new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.Zero));

        using var response = await server.GetAsync("/api/v1/spend?from=2026-10-24&to=2026-10-26&interval=day", key);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("UTC", body.RootElement.GetProperty("time_zone").GetString());
        Assert.All(body.RootElement.GetProperty("rows").EnumerateArray(), r =>
        {
            Assert.EndsWith("T00:00:00Z", r.GetProperty("bucket").GetString(), StringComparison.Ordinal);
            Assert.Equal(24, r.GetProperty("events").GetInt64());
        });
    }

    [Theory]
    [InlineData("timeZone=Mars/Base", "timeZone")]
    [InlineData("timeZone=../../etc/passwd", "timeZone")]
    [InlineData("format=xml", "format")]
    public async Task A_bad_zone_or_format_is_a_400_naming_the_parameter(string parameter, string named)
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("bad");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Read);

        using var response = await server.GetAsync("/api/v1/spend?" + parameter, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith(named + ":", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
