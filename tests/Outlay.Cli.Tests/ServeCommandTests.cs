namespace Outlay.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task A_malformed_otlp_tag_mapping_is_refused_before_the_server_starts()
    {
        using var store = new TempStore();
        var run = await CliRun.InvokeAsync("serve", "--urls", "http://127.0.0.1:0", "--store", store.Spec, "--otlp-tag", "app.feature");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ATTRIBUTE=TAG", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store.FilePath));
    }
}
