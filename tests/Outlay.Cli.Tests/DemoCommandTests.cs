namespace Outlay.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_sends_traffic_through_the_sdk_and_reports_it()
    {
        using var store = new TempStore();
        var run = await CliRun.InvokeAsync("demo", "--urls", "http://127.0.0.1:0", "--store", store.Spec, "--duration", "00:00:02", "--history-days", "1", "--exit");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("where to look", run.Human, StringComparison.Ordinal);
        Assert.Contains("spend by model", run.Human, StringComparison.Ordinal);
        Assert.Contains("unpriced", run.Human, StringComparison.Ordinal);

        // The same store answers the report command afterwards: the history and live calls were stored.
        var report = await CliRun.InvokeAsync("report", "--store", store.Spec, "--project", "demo", "--since", "2d", "--by", "service", "--json");
        Assert.Equal(0, report.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(report.Json);
        Assert.True(json.RootElement.GetProperty("total_cost_usd").GetDecimal() > 0m);
        var services = json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("service").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "checkout-api", "support-bot", "search-indexer", "labs" }, services);
    }
}
