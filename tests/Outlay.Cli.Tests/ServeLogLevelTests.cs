namespace Outlay.Cli.Tests;

/// <summary><c>outlay serve --log-level</c>: one of the named levels, refused before anything starts otherwise.</summary>
public sealed class ServeLogLevelTests
{
    [Theory]
    [InlineData("verbose")]
    [InlineData("none")]
    [InlineData("5")]
    public async Task An_unknown_log_level_is_a_usage_error(string level)
    {
        using var store = new TempStore();

        var run = await CliRun.InvokeAsync("serve", "--store", store.Spec, "--urls", "http://127.0.0.1:0", "--log-level", level);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Must be one of", run.Error, StringComparison.Ordinal);
        Assert.Contains("trace", run.Error, StringComparison.Ordinal);
    }
}
