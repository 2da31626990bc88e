namespace Outlay.Cli.Tests;

/// <summary><c>outlay serve --raw-event-retention-days</c>: never shorter than the oldest event ingest accepts, refused before anything starts.</summary>
public sealed class ServeRetentionTests
{
    [Theory]
    [InlineData("30")]
    [InlineData("399")]
    [InlineData("0")]
    public async Task A_retention_shorter_than_400_days_is_a_usage_error(string days)
    {
        using var store = new TempStore();

        var run = await CliRun.InvokeAsync("serve", "--store", store.Spec, "--urls", "http://127.0.0.1:0", "--raw-event-retention-days", days);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--raw-event-retention-days must be at least 400", run.Error, StringComparison.Ordinal);
    }
}
