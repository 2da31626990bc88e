using System.Text.Json;

namespace Outlay.Cli.Tests;

/// <summary><c>outlay budgets</c>: add, list, show and remove against a store, with option-named errors.</summary>
public sealed class BudgetsCommandTests
{
    [Fact]
    public async Task Add_list_show_and_remove_a_budget()
    {
        using var store = new TempStore();
        var added = await CliRun.InvokeAsync(
            "budgets", "add", "--store", store.Spec, "--project", "shop", "--name", "Acme prod", "--amount", "500", "--period", "month",
            "--time-zone", "Europe/Berlin", "--scope", "environment:prod", "--scope", "tag.customer:acme",
            "--threshold", "80", "--threshold", "50", "--threshold", "100", "--json");
        Assert.Equal(0, added.ExitCode);
        using var addedJson = JsonDocument.Parse(added.Json);
        var id = addedJson.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(500_000_000_000L, addedJson.RootElement.GetProperty("amount_nano_usd").GetInt64());
        Assert.Equal("Europe/Berlin", addedJson.RootElement.GetProperty("time_zone").GetString());
        Assert.Equal([50, 80, 100], addedJson.RootElement.GetProperty("thresholds").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal("ok", addedJson.RootElement.GetProperty("state").GetString());

        var rolling = await CliRun.InvokeAsync("budgets", "add", "--store", store.Spec, "--project", "shop", "--name", "Burn", "--amount", "20", "--rolling", "24h", "--json");
        Assert.Equal(0, rolling.ExitCode);
        var listed = await CliRun.InvokeAsync("budgets", "list", "--store", store.Spec, "--project", "shop", "--json");
        using var listJson = JsonDocument.Parse(listed.Json);
        Assert.Equal(["month", "rolling"], listJson.RootElement.GetProperty("budgets").EnumerateArray().Select(b => b.GetProperty("period").GetString()));

        var shown = await CliRun.InvokeAsync("budgets", "show", id, "--store", store.Spec, "--project", "shop", "--json");
        Assert.Equal(0, shown.ExitCode);
        using var shownJson = JsonDocument.Parse(shown.Json);
        Assert.Equal(["environment:prod", "tag.customer:acme"], shownJson.RootElement.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal(0, (await CliRun.InvokeAsync("budgets", "remove", id, "--store", store.Spec, "--project", "shop")).ExitCode);
        var again = await CliRun.InvokeAsync("budgets", "remove", id, "--store", store.Spec, "--project", "shop");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains(id, again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--amount", "0", "--amount:")]
    [InlineData("--time-zone", "Mars/Olympus", "--time-zone:")]
    [InlineData("--scope", "colour:red", "--scope:")]
    [InlineData("--threshold", "2000", "--threshold:")]
    public async Task Invalid_options_are_named(string option, string value, string named)
    {
        using var store = new TempStore();
        string[] args = option == "--amount"
            ? ["budgets", "add", "--store", store.Spec, "--name", "b", option, value]
            : ["budgets", "add", "--store", store.Spec, "--name", "b", "--amount", "5", option, value];

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
    }
}
