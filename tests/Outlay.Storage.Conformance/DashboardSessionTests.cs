using System.Data.Common;
using System.Security.Cryptography;
using Outlay.Core.Keys;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

public abstract class DashboardSessionTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_session_round_trips_and_survives_a_restart()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var session = Session("s1", project, ApiKeyKind.Admin, Created.AddHours(12));
        await temp.Store.AddDashboardSessionAsync(session, TestContext.Current.CancellationToken);
        await temp.ReopenAsync();

        var found = await temp.Store.FindDashboardSessionAsync("s1", TestContext.Current.CancellationToken);

        Assert.NotNull(found);
        Assert.Equal(session.SecretHash, found.SecretHash);
        Assert.Equal((session.ProjectId, session.KeyId, session.Kind, session.CreatedAt, session.ExpiresAt), (found.ProjectId, found.KeyId, found.Kind, found.CreatedAt, found.ExpiresAt));
        Assert.Null(await temp.Store.FindDashboardSessionAsync("s2", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Delete_ends_one_session_and_reports_whether_it_existed()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.Store.AddDashboardSessionAsync(Session("s1", project, ApiKeyKind.Read, Created.AddHours(1)), TestContext.Current.CancellationToken);
        await temp.Store.AddDashboardSessionAsync(Session("s2", project, ApiKeyKind.Read, Created.AddHours(1)), TestContext.Current.CancellationToken);

        Assert.True(await temp.Store.DeleteDashboardSessionAsync("s1", TestContext.Current.CancellationToken));
        Assert.False(await temp.Store.DeleteDashboardSessionAsync("s1", TestContext.Current.CancellationToken));
        Assert.Null(await temp.Store.FindDashboardSessionAsync("s1", TestContext.Current.CancellationToken));
        Assert.NotNull(await temp.Store.FindDashboardSessionAsync("s2", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Expired_sessions_are_deleted_and_live_ones_kept()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var now = Created.AddHours(2);
        await temp.Store.AddDashboardSessionAsync(Session("old", project, ApiKeyKind.Read, now.AddMinutes(-1)), TestContext.Current.CancellationToken);
        await temp.Store.AddDashboardSessionAsync(Session("edge", project, ApiKeyKind.Read, now), TestContext.Current.CancellationToken);
        await temp.Store.AddDashboardSessionAsync(Session("live", project, ApiKeyKind.Admin, now.AddMilliseconds(1)), TestContext.Current.CancellationToken);

        Assert.Equal(2, await temp.Store.DeleteExpiredDashboardSessionsAsync(now, TestContext.Current.CancellationToken));

        Assert.Equal(0, await temp.Store.DeleteExpiredDashboardSessionsAsync(now, TestContext.Current.CancellationToken));
        Assert.Null(await temp.Store.FindDashboardSessionAsync("edge", TestContext.Current.CancellationToken));
        Assert.NotNull(await temp.Store.FindDashboardSessionAsync("live", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Invalid_sessions_are_refused()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var valid = Session("s1", project, ApiKeyKind.Read, Created.AddHours(1));
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.AddDashboardSessionAsync(valid with { SecretHash = new byte[31] }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.AddDashboardSessionAsync(valid with { Kind = ApiKeyKind.Ingest }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.AddDashboardSessionAsync(valid with { SessionId = "" }, ct));
        await Assert.ThrowsAnyAsync<DbException>(() => temp.Store.AddDashboardSessionAsync(valid with { ProjectId = "p-missing" }, ct));
        await temp.Store.AddDashboardSessionAsync(valid, ct);
        await Assert.ThrowsAnyAsync<DbException>(() => temp.Store.AddDashboardSessionAsync(valid, ct));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM dashboard_sessions;"));
    }

    private static DashboardSessionRecord Session(string id, string project, ApiKeyKind kind, DateTimeOffset expires) =>
        new(id, SHA256.HashData(RandomNumberGenerator.GetBytes(32)), project, "key-" + id, kind, Created, expires);
}
