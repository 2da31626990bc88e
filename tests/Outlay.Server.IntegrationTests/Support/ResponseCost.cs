using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Providers;

namespace Outlay.Server.IntegrationTests.Support;

/// <summary>
/// What <c>outlay cost --response FILE --json</c> prints for a recorded body. The CLI's entry point is internal to
/// Outlay.Cli, so this runs the same two calls its cost command makes: <see cref="ProviderResponseReader.Read"/>, then
/// <see cref="CostCalculator.Calculate"/> over <see cref="PriceCatalog.BuiltIn"/> with the body's service tier, priced now.
/// </summary>
internal static class ResponseCost
{
    public static (ProviderUsage Read, CostResult Cost) Of(string body)
    {
        var read = ProviderResponseReader.Read(body);
        Assert.NotNull(read.Model);
        var cost = new CostCalculator(PriceCatalog.BuiltIn)
            .Calculate(read.Provider, read.Model, read.Usage, read.ServiceTier ?? ServiceTiers.Default, DateTimeOffset.UtcNow);
        Assert.True(cost.Priced, $"the built-in catalog has no price for {read.Provider}/{read.Model}");
        return (read, cost);
    }
}
