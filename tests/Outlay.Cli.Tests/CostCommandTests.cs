using System.Text.Json;
using Outlay.Core.Events;
using Outlay.Core.Pricing;

namespace Outlay.Cli.Tests;

public sealed class CostCommandTests
{
    [Fact]
    public async Task Token_counts_are_priced_with_the_servers_calculator()
    {
        var run = await CliRun.InvokeAsync(
            "cost", "--provider", "openai", "--model", "gpt-4o-mini-2024-07-18",
            "--input-tokens", "1200", "--output-tokens", "300", "--cache-read-tokens", "1000", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Json);
        var root = json.RootElement;

        // gpt-4o-mini: $0.15 / 1M input, $0.075 / 1M cached input, $0.60 / 1M output.
        // 200 uncached × 0.15e-6 = 0.00003; 1000 cached × 0.075e-6 = 0.000075; 300 × 0.6e-6 = 0.00018 → 0.000285.
        Assert.True(root.GetProperty("priced").GetBoolean());
        Assert.Equal(0.000285m, root.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(0.000075m, root.GetProperty("breakdown").GetProperty("cache_read").GetDecimal());
        Assert.Equal(1000, root.GetProperty("usage").GetProperty("cache_read_tokens").GetInt64());

        var expected = new CostCalculator(PriceCatalog.BuiltIn).Calculate("openai", "gpt-4o-mini-2024-07-18", new TokenUsage(1200, 300, 1000), ServiceTiers.Default, DateTimeOffset.UtcNow);
        Assert.Equal(expected.PriceId, root.GetProperty("price_id").GetString());
        Assert.Equal(NanoUsd.ToUsd(expected.CostNanoUsd!.Value), root.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_model_is_unpriced_not_free()
    {
        var run = await CliRun.InvokeAsync("cost", "--provider", "acme-ai", "--model", "acme-llm-7b-preview", "--input-tokens", "10", "--output-tokens", "5", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Json);
        Assert.False(json.RootElement.GetProperty("priced").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("cost_usd").ValueKind);

        var human = await CliRun.InvokeAsync("cost", "--provider", "acme-ai", "--model", "acme-llm-7b-preview", "--input-tokens", "10", "--output-tokens", "5");
        Assert.Contains("unpriced", human.Human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_response_body_is_priced_from_its_usage_only()
    {
        var path = Outlay.Testing.SharedFixtures.Require("fixtures/anthropic/messages_cache-write_claude-3-5-sonnet.json");
        var run = await CliRun.InvokeAsync("cost", "--response", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Json);
        var usage = json.RootElement.GetProperty("usage");

        // Anthropic reports input without cache: 4 + 1163 written = 1167 input, 1163 of them 5-minute writes.
        Assert.Equal(1167, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(1163, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal("anthropic", json.RootElement.GetProperty("provider").GetString());
        Assert.True(json.RootElement.GetProperty("priced").GetBoolean());
    }

    [Fact]
    public async Task Streamed_responses_are_read_too()
    {
        var path = Outlay.Testing.SharedFixtures.Require("fixtures/openai/chat-completions_stream_include-usage.sse.txt");
        var run = await CliRun.InvokeAsync("cost", "--response", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Json);
        Assert.Equal("openai", json.RootElement.GetProperty("provider").GetString());
        Assert.True(json.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt64() > 0);
    }

    [Theory]
    [InlineData("--cache-read-tokens", "2000")]
    [InlineData("--reasoning-tokens", "400")]
    public async Task Subsets_larger_than_their_total_are_refused(string option, string value)
    {
        var run = await CliRun.InvokeAsync("cost", "--provider", "openai", "--model", "gpt-4o", "--input-tokens", "1000", "--output-tokens", "300", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("part of", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_counts_or_a_response_it_says_what_to_give()
    {
        var run = await CliRun.InvokeAsync("cost", "--provider", "openai", "--model", "gpt-4o");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--input-tokens", run.Error, StringComparison.Ordinal);
    }
}
