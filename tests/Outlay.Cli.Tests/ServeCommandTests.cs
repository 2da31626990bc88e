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

    [Theory]
    [InlineData("--smtp-host", "mail.example.com", "--smtp-from is required")]
    [InlineData("--smtp-security", "ssl", "must be starttls, tls or none")]
    [InlineData("--smtp-port", "70000", "between 1 and 65535")]
    public async Task Bad_smtp_settings_are_refused_before_the_server_starts(string option, string value, string message)
    {
        using var store = new TempStore();
        string[] smtp = option == "--smtp-host" ? [option, value] : ["--smtp-host", "mail.example.com", "--smtp-from", "outlay@example.com", option, value];

        var run = await CliRun.InvokeAsync(["serve", "--urls", "http://127.0.0.1:0", "--store", store.Spec, .. smtp]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store.FilePath));
    }

    [Fact]
    public async Task A_malformed_alert_allow_entry_is_refused_before_the_server_starts()
    {
        using var store = new TempStore();

        var run = await CliRun.InvokeAsync("serve", "--urls", "http://127.0.0.1:0", "--store", store.Spec, "--alert-allow", "10.0.0.1/8");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("10.0.0.1/8", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store.FilePath));
    }
}
