using Outlay.Core.Keys;

namespace Outlay.Storage.Conformance;

public abstract class ProjectAndKeyTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ensure_project_returns_the_same_project_for_the_same_name()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;

        var first = await temp.Store.EnsureProjectAsync("checkout", ct);
        var again = await temp.Store.EnsureProjectAsync("checkout", ct);
        var other = await temp.Store.EnsureProjectAsync("search", ct);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(first, await temp.Store.FindProjectAsync("checkout", ct));
        Assert.Equal(other, await temp.Store.GetProjectAsync(other.Id, ct));
        Assert.Null(await temp.Store.FindProjectAsync("missing", ct));
        Assert.Null(await temp.Store.GetProjectAsync("p-missing", ct));
    }

    [Fact]
    public async Task List_projects_returns_every_project_once_oldest_first()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await temp.Store.ListProjectsAsync(ct));

        var checkout = await temp.Store.EnsureProjectAsync("checkout", ct);
        var search = await temp.Store.EnsureProjectAsync("search", ct);
        await temp.Store.EnsureProjectAsync("checkout", ct);

        var projects = await temp.Store.ListProjectsAsync(ct);
        Assert.Equal([checkout, search], projects.OrderBy(p => p.Name, StringComparer.Ordinal));
        Assert.True(projects[0].CreatedAt <= projects[1].CreatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Checkout")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("sixty-five-characters-sixty-five-characters-sixty-five-characters")]
    public async Task Invalid_project_names_are_refused(string name)
    {
        await using var temp = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.EnsureProjectAsync(name, TestContext.Current.CancellationToken));
        Assert.Null(await temp.Store.FindProjectAsync(name, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0_team-x")]
    [InlineData("sixty-four-characters-sixty-four-characters-sixty-four-character")]
    public async Task Valid_project_names_are_accepted(string name)
    {
        await using var temp = await CreateStoreAsync();

        var project = await temp.Store.EnsureProjectAsync(name, TestContext.Current.CancellationToken);

        Assert.Equal(name, project.Name);
    }

    [Fact]
    public async Task Keys_are_added_found_listed_and_revoked()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");
        var (ingestText, ingest) = ApiKeyFactory.Create(ApiKeyKind.Ingest, a, ["prod", "staging"], "ci", Now);
        var (_, read) = ApiKeyFactory.Create(ApiKeyKind.Read, a, null, null, Now.AddMinutes(1));
        var (_, admin) = ApiKeyFactory.Create(ApiKeyKind.Admin, b, null, "ops", Now.AddMinutes(2));

        await temp.Store.AddKeyAsync(ingest, ct);
        await temp.Store.AddKeyAsync(read, ct);
        await temp.Store.AddKeyAsync(admin, ct);

        var found = await temp.Store.FindKeyAsync(ingest.KeyId, ct);
        Assert.NotNull(found);
        Assert.Equal((ingest.KeyId, a, ApiKeyKind.Ingest, "ci", Now), (found.KeyId, found.ProjectId, found.Kind, found.Name, found.CreatedAt));
        Assert.Equal(["prod", "staging"], found.Environments);
        Assert.Equal(ingest.SecretHash, found.SecretHash);
        Assert.True(ApiKeyVerifier.Verify(ingestText, found));
        Assert.Null(await temp.Store.FindKeyAsync("aaaaaaaaaaaa", ct));

        Assert.Equal([ingest.KeyId, read.KeyId], (await temp.Store.ListKeysAsync(a, ct)).Select(k => k.KeyId));
        Assert.Equal([admin.KeyId], (await temp.Store.ListKeysAsync(b, ct)).Select(k => k.KeyId));
        Assert.Equal(3, (await temp.Store.ListKeysAsync(null, ct)).Count);

        Assert.True(await temp.Store.RevokeKeyAsync(read.KeyId, Now.AddHours(1), ct));
        Assert.False(await temp.Store.RevokeKeyAsync(read.KeyId, Now.AddHours(2), ct));
        Assert.False(await temp.Store.RevokeKeyAsync("aaaaaaaaaaaa", Now, ct));
        Assert.Equal(Now.AddHours(1), (await temp.Store.FindKeyAsync(read.KeyId, ct))!.RevokedAt);
        Assert.Null((await temp.Store.FindKeyAsync(ingest.KeyId, ct))!.RevokedAt);
    }
}
