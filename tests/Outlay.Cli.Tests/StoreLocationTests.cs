using Outlay.Cli.Stores;

namespace Outlay.Cli.Tests;

public sealed class StoreLocationTests
{
    [Fact]
    public void Sqlite_path_is_made_absolute()
    {
        var location = StoreLocation.Parse("sqlite:./data/x.db");
        Assert.Equal("sqlite", location.Engine);
        Assert.True(Path.IsPathRooted(location.Target));
        Assert.EndsWith(Path.Combine("data", "x.db"), location.Target, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("sqlite:")]
    [InlineData("mysql:server=x")]
    public void Unusable_values_say_how_to_write_a_store(string text)
    {
        var error = Assert.Throws<StoreLocationException>(() => StoreLocation.Parse(text));
        Assert.Contains("sqlite:PATH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_password_is_not_echoed()
    {
        var error = Assert.Throws<StoreLocationException>(() => StoreLocation.Parse("weird:Host=db;Password=hunter2-very-long-secret"));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_is_the_embedded_store_in_the_working_directory()
    {
        var location = StoreLocation.Parse(StoreLocation.Default);
        Assert.Equal(Path.GetFullPath("./outlay-data/outlay.db"), location.Target);
    }
}
