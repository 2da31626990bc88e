namespace Outlay.Cli.Tests;

/// <summary><c>outlay serve --public-url</c>: only an absolute http or https address is accepted, before anything starts.</summary>
public sealed class ServePublicUrlTests
{
    [Theory]
    [InlineData("outlay.example.com")]
    [InlineData("/dash")]
    [InlineData("ftp://outlay.example.com/")]
    public async Task A_public_url_that_is_not_an_absolute_http_address_is_a_usage_error(string value)
    {
        using var store = new TempStore();

        var run = await CliRun.InvokeAsync("serve", "--store", store.Spec, "--urls", "http://127.0.0.1:0", "--public-url", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--public-url", run.Error, StringComparison.Ordinal);
    }
}
