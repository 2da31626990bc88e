using System.Net;
using System.Text;
using System.Text.Json;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// <c>/api/v1/alert-channels</c> on a real server: admin changes, read views, ingest is refused; a webhook's generated
/// secret is shown once; nothing in answers, logs or the store files reveals a URL, secret or address.
/// </summary>
public sealed class AlertChannelApiTests
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000PLAIN/B000PLAIN/plaintextslacktokenXy9";
    private const string WebhookUrl = "https://alerts.example.com/plainhookpath/receive";

    [Fact]
    public async Task Admin_adds_lists_gets_tests_and_deletes_read_only_views_and_ingest_is_refused()
    {
        await using var server = await RunningServer.StartAsync(o => o.AlertDeliveryInterval = TimeSpan.FromHours(1));
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var otherAdmin = await server.CreateKeyAsync(await server.CreateProjectAsync("other"), ApiKeyKind.Admin);

        var created = await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = "Ops Slack", kind = "slack", url = SlackUrl }), HttpStatusCode.Created);
        var id = created.GetProperty("channel").GetProperty("id").GetString()!;
        await ApiJson.ExpectAsync(await PostAsync(server, read, new { name = "x", kind = "slack", url = SlackUrl }), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await PostAsync(server, ingest, new { name = "x", kind = "slack", url = SlackUrl }), HttpStatusCode.Forbidden);
        var listed = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alert-channels", read), HttpStatusCode.OK);
        var one = await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/alert-channels/{id}", read), HttpStatusCode.OK);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/alert-channels", ingest), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/alert-channels/{id}", otherAdmin), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, $"/api/v1/alert-channels/{id}/test", read), HttpStatusCode.Forbidden);
        var queued = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, $"/api/v1/alert-channels/{id}/test", admin), HttpStatusCode.Accepted);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, $"/api/v1/alert-channels/{id}/test", otherAdmin), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/alert-channels/{id}", read), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/alert-channels/{id}", otherAdmin), HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/alert-channels/{id}", admin), HttpStatusCode.NoContent);
        await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/alert-channels/{id}", admin), HttpStatusCode.NotFound);

        var channel = Assert.Single(listed.GetProperty("channels").EnumerateArray());
        Assert.Equal("Ops Slack", channel.GetProperty("name").GetString());
        Assert.Equal("slack", channel.GetProperty("kind").GetString());
        Assert.Equal("https://hooks.slack.com/…/…Xy9", channel.GetProperty("target").GetString());
        Assert.Equal("never_used", channel.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal(id, one.GetProperty("id").GetString());
        Assert.False(created.TryGetProperty("signing_secret", out _));
        Assert.Equal("pending", queued.GetProperty("delivery").GetProperty("state").GetString());
        Assert.StartsWith("chn_", id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_secret_is_generated_and_shown_once_and_no_url_or_secret_reaches_answers_logs_or_the_store_files()
    {
        await using var server = await RunningServer.StartAsync(o => o.AlertDeliveryInterval = TimeSpan.FromHours(1));
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);

        var created = await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = "Hook", kind = "webhook", url = WebhookUrl }), HttpStatusCode.Created);
        var email = await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = "Mail", kind = "email", recipients = new[] { "plainperson@example.com", "second@example.org" } }), HttpStatusCode.Created);
        var secret = created.GetProperty("signing_secret").GetString()!;
        var id = created.GetProperty("channel").GetProperty("id").GetString()!;
        var listText = await (await server.GetAsync("/api/v1/alert-channels", admin)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var oneText = await (await server.GetAsync($"/api/v1/alert-channels/{id}", admin)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await server.StopAsync();
        var files = server.ReadStoreFiles();

        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("https://alerts.example.com/…/…ive", created.GetProperty("channel").GetProperty("target").GetString());
        Assert.Equal("p…@example.com, s…@example.org", email.GetProperty("channel").GetProperty("target").GetString());
        foreach (var plain in new[] { secret, "plainhookpath", "plainperson", "second@" })
        {
            Assert.DoesNotContain(plain, listText, StringComparison.Ordinal);
            Assert.DoesNotContain(plain, oneText, StringComparison.Ordinal);
            Assert.DoesNotContain(plain, server.Logs.AllText, StringComparison.Ordinal);
            var bytes = Encoding.UTF8.GetBytes(plain);
            Assert.All(files, f => Assert.Equal(-1, f.AsSpan().IndexOf(bytes)));
        }

        Assert.NotEmpty(files);
        Assert.Contains(server.Logs.Lines, l => l.Contains($"Alert channel {id} (webhook) added", StringComparison.Ordinal));
        Assert.True(File.Exists(server.Options.StorePath + ".key"));
    }

    [Theory]
    [InlineData("{\"name\":\"s\",\"kind\":\"slack\",\"url\":\"http://hooks.slack.com/services/x\"}", "https")]
    [InlineData("{\"name\":\"w\",\"kind\":\"webhook\",\"url\":\"https://user:pass@example.com/h\"}", "user name")]
    [InlineData("{\"name\":\"w\",\"kind\":\"webhook\",\"url\":\"ftp://example.com/h\"}", "http or https")]
    [InlineData("{\"name\":\"w\",\"kind\":\"webhook\",\"url\":\"/relative\"}", "absolute")]
    [InlineData("{\"name\":\"w\",\"kind\":\"webhook\"}", "url")]
    [InlineData("{\"name\":\"\",\"kind\":\"webhook\",\"url\":\"https://example.com/h\"}", "name")]
    [InlineData("{\"name\":\"w\",\"kind\":\"pager\",\"url\":\"https://example.com/h\"}", "kind")]
    [InlineData("{\"name\":\"e\",\"kind\":\"email\",\"recipients\":[]}", "recipients")]
    [InlineData("{\"name\":\"e\",\"kind\":\"email\",\"recipients\":[\"not an address\"]}", "recipients")]
    [InlineData("{\"name\":\"e\",\"kind\":\"email\",\"recipients\":[\"a@b.c\",\"a@b.d\",\"a@b.e\",\"a@b.f\",\"a@b.g\",\"a@b.h\",\"a@b.i\",\"a@b.j\",\"a@b.k\",\"a@b.l\",\"a@b.m\"]}", "1 to 10")]
    [InlineData("{\"name\":\"w\",\"kind\":\"webhook\",\"url\":\"https://example.com/h\",\"signing_secret\":\"mine\"}", "no other fields")]
    public async Task Invalid_channels_are_refused_naming_the_rule(string body, string expected)
    {
        await using var server = await RunningServer.StartAsync(o => o.AlertDeliveryInterval = TimeSpan.FromHours(1));
        var admin = await server.CreateKeyAsync(await server.CreateProjectAsync("shop"), ApiKeyKind.Admin);

        var problem = await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Post, "/api/v1/alert-channels", admin, new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_urls_and_addresses_are_refused_and_a_project_holds_at_most_20_channels()
    {
        await using var server = await RunningServer.StartAsync(o => o.AlertDeliveryInterval = TimeSpan.FromHours(1));
        var admin = await server.CreateKeyAsync(await server.CreateProjectAsync("shop"), ApiKeyKind.Admin);

        await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = "w", kind = "webhook", url = "https://example.com/" + new string('a', 2030) }), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = "e", kind = "email", recipients = new[] { new string('a', 64) + "@" + new string('b', 186) + ".com" } }), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = new string('n', 101), kind = "email", recipients = new[] { "a@example.com" } }), HttpStatusCode.BadRequest);
        for (var i = 0; i < 20; i++)
        {
            await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = $"c{i}", kind = "email", recipients = new[] { "a@example.com" } }), HttpStatusCode.Created);
        }

        var refused = await ApiJson.ExpectAsync(await PostAsync(server, admin, new { name = "c21", kind = "email", recipients = new[] { "a@example.com" } }), HttpStatusCode.BadRequest);
        Assert.Contains("at most 20", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    internal static Task<HttpResponseMessage> PostAsync(RunningServer server, string key, object body) =>
        server.SendAsync(HttpMethod.Post, "/api/v1/alert-channels", key, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
}
