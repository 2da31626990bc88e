using System.Net;
using System.Text;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>Key management through the admin API: create (shown once), list (never secrets), revoke (own project only).</summary>
public sealed class KeyManagementTests
{
    [Fact]
    public async Task An_admin_key_creates_an_ingest_key_that_works_and_lists_it_without_secret_material()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("keys");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);

        var created = await ApiJson.ExpectAsync(
            await server.SendAsync(HttpMethod.Post, "/api/v1/keys", admin, Json("{\"kind\":\"ingest\",\"environments\":[\"prod\"],\"name\":\"checkout\"}")),
            HttpStatusCode.Created);
        var keyText = created.GetProperty("key").GetString()!;
        var keyId = created.GetProperty("id").GetString()!;
        var listResponse = await server.GetAsync("/api/v1/keys", admin);
        var listText = await listResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var list = await ApiJson.ExpectAsync(listResponse, HttpStatusCode.OK);

        Assert.True(ApiKeyText.TryParse(keyText, out var kind, out var parsedId));
        Assert.Equal(ApiKeyKind.Ingest, kind);
        Assert.Equal(keyId, parsedId);
        var listed = list.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal("ingest", listed.GetProperty("kind").GetString());
        Assert.Equal(["prod"], listed.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("checkout", listed.GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed.GetProperty("revoked_at").ValueKind);
        Assert.DoesNotContain(keyText[(keyText.LastIndexOf('_') + 1)..], listText, StringComparison.Ordinal);
        // No field carries hash material. Property names, not the whole text: a random key id can spell "hash".
        Assert.All(list.GetProperty("keys").EnumerateArray().SelectMany(k => k.EnumerateObject()), p =>
            Assert.DoesNotContain("hash", p.Name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["created_at", "environments", "id", "kind", "name", "revoked_at"], listed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await ApiJson.ExpectAsync(await server.PostEventsAsync(keyText, EventJson.Batch(EventJson.Event(environment: "prod"))), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"kind\":\"root\"}", "kind")]
    [InlineData("{\"kind\":\"read\",\"environments\":[\"prod\"]}", "environments")]
    [InlineData("{\"kind\":\"ingest\",\"environments\":[\"Prod Env\"]}", "environments")]
    [InlineData("{\"kind\":\"ingest\",\"scopes\":[\"all\"]}", "JSON")]
    [InlineData("{\"kind\":", "JSON")]
    public async Task Invalid_key_requests_are_400_naming_the_field(string body, string named)
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await server.CreateKeyAsync(await server.CreateProjectAsync("keys"), ApiKeyKind.Admin);

        var problem = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/api/v1/keys", admin, Json(body)), HttpStatusCode.BadRequest);

        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_key_cannot_see_or_revoke_another_projects_keys()
    {
        await using var server = await RunningServer.StartAsync();
        var adminA = await server.CreateKeyAsync(await server.CreateProjectAsync("project-a"), ApiKeyKind.Admin);
        var ingestB = await server.CreateKeyAsync(await server.CreateProjectAsync("project-b"), ApiKeyKind.Ingest);
        Assert.True(ApiKeyText.TryParse(ingestB, out _, out var ingestBId));

        var list = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/keys", adminA), HttpStatusCode.OK);
        var revoke = await server.SendAsync(HttpMethod.Delete, $"/api/v1/keys/{ingestBId}", adminA);

        Assert.DoesNotContain(list.GetProperty("keys").EnumerateArray(), k => k.GetProperty("id").GetString() == ingestBId);
        await ApiJson.ExpectAsync(revoke, HttpStatusCode.NotFound);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(ingestB, EventJson.Batch(EventJson.Event())), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_404()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await server.CreateKeyAsync(await server.CreateProjectAsync("keys"), ApiKeyKind.Admin);

        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, "/api/v1/keys/aaaaaaaaaaaa", admin), HttpStatusCode.NotFound);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
