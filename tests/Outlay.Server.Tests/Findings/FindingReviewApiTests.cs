using System.Net;
using System.Text;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Alerts;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Findings;

/// <summary>
/// Acknowledge, snooze and reopen on a real server: admin keys only, own project only, every bad body a 400 that leaves
/// the finding as it was, and a snooze that really silences the next finding about the same subject.
/// </summary>
public sealed class FindingReviewApiTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_admin_key_acknowledges_and_reopens_a_finding_and_the_list_shows_it()
    {
        await using var server = await RunningServer.StartAsync(o => o.Clock = new ManualClock(Now));
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var adminId = (await server.App.Store.ListKeysAsync(project, TestContext.Current.CancellationToken)).Single().KeyId;
        var finding = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, Now.AddHours(-1)));

        var acked = await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{finding.Id}/acknowledge"), HttpStatusCode.OK);
        var stored = await server.App.Store.GetFindingAsync(project, finding.Id, TestContext.Current.CancellationToken);
        var listed = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/findings", admin), HttpStatusCode.OK);

        Assert.Equal(finding.Id, acked.GetProperty("id").GetGuid());
        Assert.Equal(FindingStatus.Acknowledged, stored!.Status);
        Assert.Equal(adminId, stored.AcknowledgedBy);
        Assert.Equal(Now, stored.AcknowledgedAt);
        Assert.Equal("acknowledged", Assert.Single(listed.GetProperty("findings").EnumerateArray()).GetProperty("status").GetString());

        // Acknowledging twice is harmless; reopening returns it to open.
        await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{finding.Id}/acknowledge"), HttpStatusCode.OK);
        var reopened = await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{finding.Id}/reopen"), HttpStatusCode.OK);
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Equal(FindingStatus.Open, (await server.App.Store.GetFindingAsync(project, finding.Id, TestContext.Current.CancellationToken))!.Status);
        Assert.Contains($"Finding {finding.Id} acknowledged by key {adminId}", server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_and_ingest_keys_are_refused_and_the_finding_is_unchanged()
    {
        await using var server = await RunningServer.StartAsync(o => o.Clock = new ManualClock(Now));
        var project = await server.CreateProjectAsync("shop");
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var finding = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, Now.AddHours(-1)));

        foreach (var action in new[] { "acknowledge", "snooze", "reopen" })
        {
            var path = $"/api/v1/findings/{finding.Id}/{action}";
            await ApiJson.ExpectAsync(await PostAsync(server, read, path, "{\"for\":\"24h\"}"), HttpStatusCode.Forbidden);
            await ApiJson.ExpectAsync(await PostAsync(server, ingest, path, "{\"for\":\"24h\"}"), HttpStatusCode.Forbidden);
            await ApiJson.ExpectAsync(await PostAsync(server, null, path, "{\"for\":\"24h\"}"), HttpStatusCode.Unauthorized);
        }

        var stored = await server.App.Store.GetFindingAsync(project, finding.Id, TestContext.Current.CancellationToken);
        Assert.Equal(FindingStatus.Open, stored!.Status);
        Assert.Null(stored.SnoozedUntil);
        Assert.Null(stored.AcknowledgedBy);
    }

    [Fact]
    public async Task Another_projects_finding_answers_like_a_missing_one_and_is_unchanged()
    {
        await using var server = await RunningServer.StartAsync(o => o.Clock = new ManualClock(Now));
        var shop = await server.CreateProjectAsync("shop");
        var other = await server.CreateProjectAsync("other");
        var admin = await server.CreateKeyAsync(shop, ApiKeyKind.Admin);
        var theirs = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(other, Now.AddHours(-1)));

        foreach (var id in new[] { theirs.Id.ToString(), Guid.NewGuid().ToString(), "not-a-finding-id" })
        {
            foreach (var action in new[] { "acknowledge", "reopen" })
            {
                var missing = await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{id}/{action}"), HttpStatusCode.NotFound);
                Assert.Equal("No such finding in this project.", missing.GetProperty("detail").GetString());
            }

            await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{id}/snooze", "{\"for\":\"1h\"}"), HttpStatusCode.NotFound);
        }

        var stored = await server.App.Store.GetFindingAsync(other, theirs.Id, TestContext.Current.CancellationToken);
        Assert.Equal(FindingStatus.Open, stored!.Status);
        Assert.Null(stored.SnoozedUntil);
    }

    [Fact]
    public async Task A_snooze_for_a_length_or_until_an_instant_is_stored_and_until_null_ends_it()
    {
        await using var server = await RunningServer.StartAsync(o => o.Clock = new ManualClock(Now));
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var finding = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, Now.AddHours(-1)));
        var path = $"/api/v1/findings/{finding.Id}/snooze";

        await ApiJson.ExpectAsync(await PostAsync(server, admin, path, "{\"for\":\"24h\"}"), HttpStatusCode.OK);
        Assert.Equal(Now.AddHours(24), await SnoozedUntilAsync(server, project, finding.Id));
        await ApiJson.ExpectAsync(await PostAsync(server, admin, path, "{\"for\":\"90d\"}"), HttpStatusCode.OK);
        Assert.Equal(Now.AddDays(90), await SnoozedUntilAsync(server, project, finding.Id));
        await ApiJson.ExpectAsync(await PostAsync(server, admin, path, "{\"until\":\"2026-12-01T09:30:00+01:00\"}"), HttpStatusCode.OK);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero), await SnoozedUntilAsync(server, project, finding.Id));
        await ApiJson.ExpectAsync(await PostAsync(server, admin, path, "{\"until\":null}"), HttpStatusCode.OK);
        Assert.Null(await SnoozedUntilAsync(server, project, finding.Id));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"for\":\"24h\",\"until\":null}")]
    [InlineData("{\"for\":\"91d\"}")]
    [InlineData("{\"for\":\"0h\"}")]
    [InlineData("{\"for\":\"-1h\"}")]
    [InlineData("{\"for\":\"soon\"}")]
    [InlineData("{\"for\":\"99999999999999999999w\"}")]
    [InlineData("{\"until\":\"2026-11-22T12:00:00Z\"}")]
    [InlineData("{\"until\":\"2027-03-01T00:00:00Z\"}")]
    [InlineData("{\"until\":\"tomorrow\"}")]
    [InlineData("{\"until\":5}")]
    [InlineData("{\"for\":\"24h\",\"reason\":\"x\"}")]
    [InlineData("[1]")]
    [InlineData("not json")]
    public async Task A_bad_snooze_body_is_a_400_and_leaves_the_finding_as_it_was(string body)
    {
        await using var server = await RunningServer.StartAsync(o => o.Clock = new ManualClock(Now));
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var finding = await FindingSeed.RecordAsync(server.App.Store, FindingSeed.Spike(project, Now.AddHours(-1)));
        await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{finding.Id}/snooze", "{\"for\":\"2h\"}"), HttpStatusCode.OK);

        var problem = await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{finding.Id}/snooze", body), HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(Now.AddHours(2), await SnoozedUntilAsync(server, project, finding.Id));
    }

    [Fact]
    public async Task A_snoozed_subject_records_its_next_finding_without_notifying_until_the_snooze_ends()
    {
        await using var server = await RunningServer.StartAsync(o => o.Clock = new ManualClock(Now));
        var ct = TestContext.Current.CancellationToken;
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Hook", kind = "webhook", url = "https://alerts.example.com/hook" }), HttpStatusCode.Created);
        var first = await server.App.Store.RecordFindingAsync(FindingSeed.Spike(project, Now.AddHours(-1)), ct);
        await ApiJson.ExpectAsync(await PostAsync(server, admin, $"/api/v1/findings/{first.Finding.Id}/snooze", "{\"for\":\"24h\"}"), HttpStatusCode.OK);

        var during = await server.App.Store.RecordFindingAsync(FindingSeed.Spike(project, Now.AddHours(3)), ct);
        var otherLabel = await server.App.Store.RecordFindingAsync(FindingSeed.Spike(project, Now.AddHours(3), label: "anthropic-prod"), ct);
        var after = await server.App.Store.RecordFindingAsync(FindingSeed.Spike(project, Now.AddHours(25)), ct);

        Assert.True(first.Notified);
        Assert.True(during.Created);
        Assert.False(during.Notified);
        Assert.True(otherLabel.Notified);
        Assert.True(after.Notified);
    }

    private static async Task<DateTimeOffset?> SnoozedUntilAsync(RunningServer server, string project, Guid id) =>
        (await server.App.Store.GetFindingAsync(project, id, TestContext.Current.CancellationToken))!.SnoozedUntil;

    private static Task<HttpResponseMessage> PostAsync(RunningServer server, string? key, string path, string? json = null) =>
        server.SendAsync(HttpMethod.Post, path, key, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));
}
