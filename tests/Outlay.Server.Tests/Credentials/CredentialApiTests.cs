using System.Net;
using System.Text;
using System.Text.Json;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Credentials;

/// <summary>The credential inventory API on a real server over SQLite: where a label is used, retirement, rotation, who may do what.</summary>
public sealed class CredentialApiTests
{
    // Whole seconds, so an exact comparison does not depend on the precision a store keeps.
    private static DateTimeOffset Now
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        }
    }

    [Fact]
    public async Task The_inventory_shows_each_service_instance_and_model_of_a_label_and_its_daily_spend()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var first = Now.AddHours(-3);
        var last = Now.AddMinutes(-5);
        await Ingest(server, ingest,
            CredentialEventJson.Event("openai-prod", "checkout", "prod", "i-1", first),
            CredentialEventJson.Event("openai-prod", "checkout", "prod", "i-2", Now.AddHours(-2), model: "gpt-4o"),
            CredentialEventJson.Event("openai-prod", "search", "prod", "s-1", last),
            CredentialEventJson.Event("openai-staging", "search", "staging", "s-9", Now.AddHours(-1)));

        var list = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials", read), HttpStatusCode.OK);
        Assert.Equal(["openai-prod", "openai-staging"], list.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("key_label").GetString()));
        var prod = list.GetProperty("credentials")[0];
        Assert.Equal("active", prod.GetProperty("state").GetString());
        Assert.Equal(3, prod.GetProperty("events").GetInt64());
        Assert.Equal(["checkout", "search"], Values(prod, "services").Order());
        Assert.Equal(["i-1", "i-2", "s-1"], Values(prod, "instances").Order());
        Assert.Equal(["gpt-4o", "gpt-4o-mini"], Values(prod, "models").Order());
        Assert.Equal(first, prod.GetProperty("first_seen").GetDateTimeOffset());
        Assert.Equal(last, prod.GetProperty("last_seen").GetDateTimeOffset());
        Assert.False(prod.TryGetProperty("places", out _));

        var one = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/openai-prod", read), HttpStatusCode.OK);
        var places = one.GetProperty("places").EnumerateArray().ToList();
        Assert.Equal(3, places.Count);
        Assert.Equal("s-1", places[0].GetProperty("instance").GetString()); // most recently seen first
        Assert.All(places, p => Assert.False(p.GetProperty("used_after_retirement").GetBoolean()));

        // The daily spend is the spend the reports show for the same label, to the nano-dollar.
        var spend = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?from=2d&filter=key_label:openai-prod", read), HttpStatusCode.OK);
        var days = one.GetProperty("daily_spend").EnumerateArray().ToList();
        Assert.NotEmpty(days);
        Assert.Equal(3, days.Sum(d => d.GetProperty("events").GetInt64()));
        Assert.Equal(spend.GetProperty("total_cost_usd").GetDecimal(), days.Sum(d => d.GetProperty("cost_usd").GetDecimal()));
        Assert.True(days.Sum(d => d.GetProperty("cost_nano_usd").GetInt64()) > 0);
    }

    [Fact]
    public async Task A_retired_label_used_again_shows_the_place_still_in_use()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await Ingest(server, ingest,
            CredentialEventJson.Event("old-key", "checkout", "prod", "i-1", Now.AddHours(-3)),
            CredentialEventJson.Event("old-key", "checkout", "prod", "i-2", Now.AddHours(-3)));

        var retired = await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Put, "/api/v1/credentials/old-key/retirement", admin, Json("{\"retired_at\":\"2h\",\"replaced_by\":\"new-key\",\"note\":\"leaked in CI\"}")),
            HttpStatusCode.OK);
        Assert.Equal("retired", retired.GetProperty("state").GetString());
        Assert.Equal("new-key", retired.GetProperty("retirement").GetProperty("replaced_by").GetString());
        Assert.Equal("leaked in CI", retired.GetProperty("retirement").GetProperty("note").GetString());
        var retiredAt = retired.GetProperty("retirement").GetProperty("retired_at").GetDateTimeOffset();
        Assert.InRange(retiredAt, Now.AddHours(-2).AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(-2));

        var lateUse = Now.AddMinutes(-1);
        await Ingest(server, ingest, CredentialEventJson.Event("old-key", "checkout", "prod", "i-2", lateUse));

        var shown = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/old-key", admin), HttpStatusCode.OK);
        Assert.Equal("retired_in_use", shown.GetProperty("state").GetString());
        // The place was used before the retirement too, so its first later use is known to the hour from the usage rollup.
        var lateHour = new DateTimeOffset(lateUse.Year, lateUse.Month, lateUse.Day, lateUse.Hour, 0, 0, TimeSpan.Zero);
        Assert.Equal(lateHour, shown.GetProperty("in_use_since").GetDateTimeOffset());
        var used = shown.GetProperty("places").EnumerateArray()
            .Where(p => p.GetProperty("used_after_retirement").GetBoolean())
            .Select(p => (p.GetProperty("service").GetString(), p.GetProperty("environment").GetString(), p.GetProperty("instance").GetString()));
        Assert.Equal([("checkout", "prod", "i-2")], used);

        Assert.Equal(HttpStatusCode.NoContent, (await server.SendAsync(HttpMethod.Delete, "/api/v1/credentials/old-key/retirement", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.SendAsync(HttpMethod.Delete, "/api/v1/credentials/old-key/retirement", admin)).StatusCode);
        var active = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/old-key", admin), HttpStatusCode.OK);
        Assert.Equal("active", active.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, active.GetProperty("retirement").ValueKind);
    }

    [Fact]
    public async Task The_rotation_view_lists_a_half_moved_fleet()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await Ingest(server, ingest,
            CredentialEventJson.Event("old-key", "api", "prod", "i-1", Now.AddHours(-3)),
            CredentialEventJson.Event("old-key", "api", "prod", "i-2", Now.AddHours(-3)),
            CredentialEventJson.Event("old-key", "api", "prod", "i-3", Now.AddHours(-3)),
            CredentialEventJson.Event("old-key", "api", "prod", "i-4", Now.AddHours(-3)),
            CredentialEventJson.Event("new-key", "api", "prod", "i-1", Now.AddHours(-1)),
            CredentialEventJson.Event("new-key", "api", "prod", "i-2", Now.AddHours(-1)),
            CredentialEventJson.Event("old-key", "api", "prod", "i-2", Now.AddMinutes(-30)),
            CredentialEventJson.Event("old-key", "api", "prod", "i-3", Now.AddMinutes(-10)));

        var explicitTo = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/old-key/rotation?to=new-key", read), HttpStatusCode.OK);
        Assert.Equal(
            [("i-3", "not_moved"), ("i-4", "not_moved"), ("i-2", "both"), ("i-1", "moved")],
            explicitTo.GetProperty("places").EnumerateArray().Select(p => (p.GetProperty("instance").GetString(), p.GetProperty("status").GetString())));
        Assert.Equal((1, 1, 2), (explicitTo.GetProperty("moved").GetInt32(), explicitTo.GetProperty("both").GetInt32(), explicitTo.GetProperty("not_moved").GetInt32()));

        // Without ?to= the retirement's replacement is used; without either, a 400 says what to send.
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/old-key/rotation", read), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Put, "/api/v1/credentials/old-key/retirement", admin, Json("{\"replaced_by\":\"new-key\"}")),
            HttpStatusCode.OK);
        var implicitTo = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/old-key/rotation", read), HttpStatusCode.OK);
        Assert.Equal("new-key", implicitTo.GetProperty("new_label").GetString());
        Assert.Equal(explicitTo.GetProperty("places").GetRawText(), implicitTo.GetProperty("places").GetRawText());
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/never-seen/rotation?to=new-key", read), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_read_key_cannot_retire_and_another_projects_labels_are_invisible()
    {
        await using var server = await RunningServer.StartAsync();
        var shop = await server.CreateProjectAsync("shop");
        var other = await server.CreateProjectAsync("other");
        var shopRead = await server.CreateKeyAsync(shop, ApiKeyKind.Read);
        var shopIngest = await server.CreateKeyAsync(shop, ApiKeyKind.Ingest);
        var otherAdmin = await server.CreateKeyAsync(other, ApiKeyKind.Admin);
        await Ingest(server, shopIngest, CredentialEventJson.Event("shop-key", "api", "prod", "i-1", Now.AddMinutes(-5)));

        Assert.Equal(HttpStatusCode.Forbidden, (await server.SendAsync(HttpMethod.Put, "/api/v1/credentials/shop-key/retirement", shopRead, Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.SendAsync(HttpMethod.Delete, "/api/v1/credentials/shop-key/retirement", shopRead)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.GetAsync("/api/v1/credentials", shopIngest)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/api/v1/credentials", null)).StatusCode);

        var otherList = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials", otherAdmin), HttpStatusCode.OK);
        Assert.Empty(otherList.GetProperty("credentials").EnumerateArray());
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/shop-key", otherAdmin), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/shop-key/rotation?to=x", otherAdmin), HttpStatusCode.NotFound);

        // Retiring the same label in the other project leaves the shop's label active.
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Put, "/api/v1/credentials/shop-key/retirement", otherAdmin, Json("{}")), HttpStatusCode.OK);
        var shopView = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/shop-key", shopRead), HttpStatusCode.OK);
        Assert.Equal("active", shopView.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("{\"retired_at\":\"last tuesday\"}", "retired_at")]
    [InlineData("{\"retired_at\":\"2099-01-01\"}", "retired_at")]
    [InlineData("{\"replaced_by\":\"old-key\"}", "replaced_by")]
    [InlineData("{\"replaced_by\":\"bad\\u0007label\"}", "replaced_by")]
    [InlineData("{\"note\":\"two\\nlines\"}", "note")]
    [InlineData("{\"retired\":\"now\"}", "The body must be JSON")]
    [InlineData("[1]", "The body must be JSON")]
    [InlineData("not json", "The body must be JSON")]
    public async Task A_bad_retirement_body_is_a_400_naming_the_field(string body, string expected)
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);

        var problem = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Put, "/api/v1/credentials/old-key/retirement", admin, Json(body)), HttpStatusCode.BadRequest);

        Assert.StartsWith(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/old-key", admin), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Labels_in_paths_are_decoded_and_limited()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await Ingest(server, ingest, CredentialEventJson.Event("openai/prod key", "api", "prod", "i-1", Now.AddMinutes(-5)));

        var shown = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/" + Uri.EscapeDataString("openai/prod key"), admin), HttpStatusCode.OK);
        Assert.Equal("openai/prod key", shown.GetProperty("key_label").GetString());

        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/" + new string('k', 129), admin), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/a%01b", admin), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/" + new string('k', 128), admin), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/credentials/x/rotation?to=" + new string('k', 129), admin), HttpStatusCode.BadRequest);
    }

    private static async Task Ingest(RunningServer server, string key, params System.Text.Json.Nodes.JsonObject[] events)
    {
        var answer = await ApiJson.ExpectAsync(await server.PostEventsAsync(key, EventJson.Batch(events)), HttpStatusCode.OK);
        Assert.Equal(events.Length, answer.GetProperty("accepted").GetInt32());
    }

    private static IEnumerable<string?> Values(JsonElement credential, string dimension) =>
        credential.GetProperty(dimension).EnumerateArray().Select(s => s.GetProperty("value").GetString());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
