using System.Text;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Server.Dashboard.Models;

namespace Outlay.Server.Tests.DashboardPages;

public sealed class UnpricedHelpTests
{
    [Theory]
    [InlineData("acme-ai", "acme-llm-7b-preview")]
    [InlineData("openai", "ft:gpt-4o-mini:acme:\"quoted\"")]
    public void The_example_price_file_prices_the_unpriced_model_from_its_effective_date(string provider, string model)
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var calculatorBefore = new CostCalculator(PriceCatalog.BuiltIn);
        Assert.False(calculatorBefore.Calculate(provider, model, new TokenUsage(1_000_000, 1_000_000), "default", at).Priced);

        var text = UnpricedHelp.ExampleConfiguration(provider, model, new DateOnly(2026, 11, 1));
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var calculator = new CostCalculator(PriceCatalog.BuiltIn, PricingConfiguration.Parse(json));

        var cost = calculator.Calculate(provider, model, new TokenUsage(1_000_000, 1_000_000), "default", at);
        Assert.True(cost.Priced);
        Assert.Equal(5_000_000_000, cost.CostNanoUsd);
    }
}
