namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>The store URL: parsed, shown without credentials, refused clearly without echoing a password.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void A_cluster_url_parses_into_server_credentials_database_cluster_and_nodes()
    {
        var options = ClickHouseStoreOptions.Parse("http://outlay:s%40cret@ch1:8123/spend?cluster=prod&nodes=http://ch1:8123,http://ch2:8123");

        Assert.Equal(new Uri("http://ch1:8123/"), options.Server);
        Assert.Equal(("outlay", "s@cret", "spend", "prod"), (options.User, options.Password, options.Database, options.Cluster));
        Assert.Equal([new Uri("http://ch1:8123/"), new Uri("http://ch2:8123/")], options.Nodes);
        Assert.Equal("clickhouse://ch1:8123/spend (cluster prod, 2 nodes)", options.Display);
        Assert.DoesNotContain("s@cret", options.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_node_url_defaults_the_database_to_outlay()
    {
        var options = ClickHouseStoreOptions.Parse("https://ch.internal:8443");

        Assert.Equal(("outlay", null, null), (options.Database, options.User, options.Cluster));
        Assert.Equal("clickhouse://ch.internal:8443/outlay", options.Display);
    }

    [Theory]
    [InlineData("ftp://user:hunter2@host/db")]
    [InlineData("http://user:hunter2@host/bad-name")]
    [InlineData("http://user:hunter2@host/db?cluster=c")]
    [InlineData("http://user:hunter2@host/db?other=1")]
    [InlineData("http://user:hunter2@host/db?cluster=c&nodes=ftp://x")]
    public void A_bad_url_is_refused_without_repeating_the_password(string url)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ClickHouseStoreOptions.Parse(url));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_error_code_and_never_the_password()
    {
        var server = await ClickHouseTestServer.RequireSingleAsync();
        var options = new ClickHouseStoreOptions { Server = server, Database = "outlay_t_" + Guid.NewGuid().ToString("N"), User = "default", Password = "hunter2-wrong" };
        await using var store = new ClickHouseOutlayStore(options, Outlay.Storage.Sqlite.SqliteOutlayStore.Open(Path.Combine(Path.GetTempPath(), "outlay-clickhouse-tests", Guid.NewGuid().ToString("N"), "c.db")));

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => store.InitializeAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Code, new[] { 192, 193, 194 });
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_names_its_code_but_not_the_sql_or_its_values()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);

        var error = await Assert.ThrowsAsync<ClickHouseException>(
            () => temp.Store.Http.QueryAsync("SELECT secret_value_123 FROM no_such_table WHERE x = 'hunter2'", TestContext.Current.CancellationToken));

        Assert.Equal(60, error.Code);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no_such_table", error.Message, StringComparison.Ordinal);
    }
}
