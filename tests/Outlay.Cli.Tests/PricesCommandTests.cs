using System.Text.Json;
using Outlay.Core.Pricing;

namespace Outlay.Cli.Tests;

public sealed class PricesCommandTests
{
    [Fact]
    public async Task List_json_is_the_catalog_format_and_loads_back()
    {
        var run = await CliRun.InvokeAsync("prices", "list", "--provider", "anthropic", "--model", "claude-sonnet-4", "--json");
        Assert.Equal(0, run.ExitCode);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(run.Json));
        var listed = PriceCatalog.Load(stream);
        Assert.NotEmpty(listed.Entries);
        Assert.All(listed.Entries, e => Assert.Equal("anthropic", e.Provider));
        var direct = PriceCatalog.BuiltIn.Resolve("anthropic", "claude-sonnet-4-20250514", DateTimeOffset.UtcNow)!;
        var same = Assert.Single(listed.Entries, e => e.Id == direct.Id);
        Assert.Equal(direct.Default.Rates, same.Default.Rates);
    }

    [Fact]
    public async Task Resolve_names_the_entry_a_bedrock_profile_is_priced_with()
    {
        var run = await CliRun.InvokeAsync("prices", "resolve", "bedrock", "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Json);
        Assert.True(json.RootElement.GetProperty("priced").GetBoolean());
        Assert.Equal("bedrock", json.RootElement.GetProperty("entry").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Resolve_of_an_unknown_model_says_unpriced_and_fails()
    {
        var run = await CliRun.InvokeAsync("prices", "resolve", "openai", "gpt-99-imaginary");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unpriced", run.Human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pricing_configuration_overrides_the_built_in_price()
    {
        var folder = Path.Combine(Path.GetTempPath(), "outlay-prices-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var config = Path.Combine(folder, "pricing.json");
            await File.WriteAllTextAsync(config, """{"prices":[{"provider":"openai","model":"gpt-4o","input":"1","output":"2"}]}""", TestContext.Current.CancellationToken);
            var run = await CliRun.InvokeAsync("cost", "--provider", "openai", "--model", "gpt-4o", "--input-tokens", "1000000", "--output-tokens", "1000000", "--pricing-config", config, "--json");
            Assert.Equal(0, run.ExitCode);
            using var json = JsonDocument.Parse(run.Json);

            // 1M input at $1 + 1M output at $2 = $3 (the built-in gpt-4o would be $2.50 + $10).
            Assert.Equal(3m, json.RootElement.GetProperty("cost_usd").GetDecimal());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
