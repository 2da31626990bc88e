using System.Net;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>The authorization matrix: who may call what, and that a project never sees another's data.</summary>
public sealed class AuthorizationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("olk_ingest_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz")]
    public async Task Ingest_without_a_valid_key_is_401(string? key)
    {
        await using var server = await RunningServer.StartAsync();
        await server.CreateProjectAsync("p");

        var response = await server.PostEventsAsync(string.IsNullOrEmpty(key) ? null : key, EventJson.Batch(EventJson.Event()));

        var problem = await ApiJson.ExpectAsync(response, HttpStatusCode.Unauthorized);
        if (!string.IsNullOrEmpty(key))
        {
            Assert.DoesNotContain(key, problem.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(key, server.Logs.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_with_the_right_id_but_a_wrong_secret_is_401()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("p"), ApiKeyKind.Ingest);
        var tampered = key[..^1] + (key[^1] == 'a' ? 'b' : 'a');

        await ApiJson.ExpectAsync(await server.PostEventsAsync(tampered, EventJson.Batch(EventJson.Event())), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_key_is_401_at_once_even_after_it_was_cached()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("p");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event())), HttpStatusCode.OK);
        Assert.True(ApiKeyText.TryParse(ingest, out _, out var ingestId));

        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, $"/api/v1/keys/{ingestId}", admin), HttpStatusCode.NoContent);

        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event())), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_revoked_in_the_store_directly_stops_working_once_the_cache_window_passes()
    {
        await using var server = await RunningServer.StartAsync(o => o.KeyCacheDuration = TimeSpan.Zero);
        var project = await server.CreateProjectAsync("p");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event())), HttpStatusCode.OK);
        Assert.True(ApiKeyText.TryParse(ingest, out _, out var ingestId));

        await server.App.Store.RevokeKeyAsync(ingestId, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event())), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_ingest_key_cannot_read_spend_findings_or_keys()
    {
        await using var server = await RunningServer.StartAsync();
        var ingest = await server.CreateKeyAsync(await server.CreateProjectAsync("p"), ApiKeyKind.Ingest);

        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend", ingest), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/findings", ingest), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/keys", ingest), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(ApiKeyKind.Read)]
    [InlineData(ApiKeyKind.Admin)]
    public async Task Read_and_admin_keys_cannot_ingest(ApiKeyKind kind)
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("p");
        var key = await server.CreateKeyAsync(project, kind);

        await ApiJson.ExpectAsync(await server.PostEventsAsync(key, EventJson.Batch(EventJson.Event())), HttpStatusCode.Forbidden);
        Assert.Equal(0, (await IngestProtocolTests.QueryTotalsAsync(server, project)).Events);
    }

    [Fact]
    public async Task A_read_key_cannot_manage_keys()
    {
        await using var server = await RunningServer.StartAsync();
        var read = await server.CreateKeyAsync(await server.CreateProjectAsync("p"), ApiKeyKind.Read);

        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/keys", read), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Post, "/api/v1/keys", read, new StringContent("{\"kind\":\"admin\"}", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Project_A_read_key_never_sees_project_B_spend()
    {
        await using var server = await RunningServer.StartAsync();
        var projectA = await server.CreateProjectAsync("project-a");
        var projectB = await server.CreateProjectAsync("project-b");
        var ingestA = await server.CreateKeyAsync(projectA, ApiKeyKind.Ingest);
        var ingestB = await server.CreateKeyAsync(projectB, ApiKeyKind.Ingest);
        var readA = await server.CreateKeyAsync(projectA, ApiKeyKind.Read);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingestA, EventJson.Batch(EventJson.Event(model: "gpt-4o-mini"))), HttpStatusCode.OK);
        await ApiJson.ExpectAsync(
            await server.PostEventsAsync(ingestB, EventJson.Batch(EventJson.Event(model: "gpt-4o"), EventJson.Event(model: "gpt-4o"))),
            HttpStatusCode.OK);

        var spend = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?groupBy=model", readA), HttpStatusCode.OK);

        var rows = spend.GetProperty("rows").EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("gpt-4o-mini", row.GetProperty("model").GetString());
        Assert.Equal(1, row.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task An_environment_restricted_ingest_key_stores_only_its_environments()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("envs");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest, "prod");
        var batch = EventJson.Batch(
            EventJson.Event(environment: "prod"),
            EventJson.Event(environment: "staging"),
            EventJson.Event(environment: null));

        var answer = await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch), HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        var rejected = answer.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 2], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(rejected, r => Assert.StartsWith("environment:", r.GetProperty("error").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain("staging", rejected[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await IngestProtocolTests.QueryTotalsAsync(server, project)).Events);
    }
}
