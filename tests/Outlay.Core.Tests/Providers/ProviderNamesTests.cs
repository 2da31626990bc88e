using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class ProviderNamesTests
{
    [Theory]
    [InlineData("aws.bedrock", "bedrock")]
    [InlineData(" Azure.AI.OpenAI ", "azure")]
    [InlineData("gcp.vertex_ai", "vertex_ai")]
    [InlineData("mistral_ai", "mistral")]
    [InlineData("OpenRouter", "openrouter")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Hints_are_normalised(string? hint, string? expected)
    {
        Assert.Equal(expected, ProviderNames.Normalise(hint));
    }

    [Theory]
    [InlineData("standard", ServiceTiers.Default)]
    [InlineData("batch", ServiceTiers.Batch)]
    [InlineData("SERVICE_TIER_FLEX", ServiceTiers.Flex)]
    [InlineData("Priority", ServiceTiers.Priority)]
    [InlineData("on_demand", ServiceTiers.Default)]
    public void Tiers_are_mapped_to_v1_values(string stated, string expected)
    {
        Assert.Equal(expected, ServiceTierMapping.Map(stated));
    }
}
