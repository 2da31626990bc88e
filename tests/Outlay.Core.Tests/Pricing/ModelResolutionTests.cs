using Outlay.Core.Pricing;

namespace Outlay.Core.Tests.Pricing;

public sealed class ModelResolutionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    // Exact, case-insensitive, provider prefixes.
    [InlineData("openai", "gpt-4o", "openai/gpt-4o")]
    [InlineData("openai", "GPT-4o", "openai/gpt-4o")]
    [InlineData("openai", "openai/gpt-4o", "openai/gpt-4o")]
    // Dated snapshots: the exact entry when present, else the undated base of the same name.
    [InlineData("openai", "gpt-4o-2024-08-06", "openai/gpt-4o-2024-08-06")]
    [InlineData("openai", "gpt-4o-2099-01-01", "openai/gpt-4o")]
    [InlineData("openai", "gpt-4o-mini", "openai/gpt-4o-mini")]
    [InlineData("openai", "gpt-4o-mini-2099-01-01", "openai/gpt-4o-mini")]
    // Anthropic: prefixed, undated and -latest names mean the newest dated snapshot.
    [InlineData("anthropic", "anthropic/claude-sonnet-4-20250514", "anthropic/claude-sonnet-4-20250514")]
    [InlineData("anthropic", "claude-sonnet-4", "anthropic/claude-sonnet-4-20250514")]
    [InlineData("anthropic", "claude-3-5-haiku-latest", "anthropic/claude-3-5-haiku-20241022")]
    [InlineData("anthropic", "claude-3-5-sonnet-20241022", "anthropic/claude-3-5-sonnet-20241022")]
    // Bedrock ids, geo profiles, URL-encoding, ARNs.
    [InlineData("bedrock", "anthropic.claude-3-5-sonnet-20241022-v2:0", "bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0")]
    [InlineData("aws.bedrock", "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0")]
    [InlineData("bedrock", "jp.anthropic.claude-3-5-sonnet-20241022-v2:0", "bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0")]
    [InlineData("bedrock", "anthropic.claude-3-5-sonnet-20241022-v2%3A0", "bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0")]
    [InlineData("bedrock", "anthropic.claude-3-5-sonnet-20241022-v2", "bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0")]
    [InlineData("bedrock", "bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock/anthropic.claude-3-5-haiku-20241022-v1:0")]
    [InlineData("bedrock", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0", "bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0")]
    // Vertex @version and Gemini models/ prefix.
    [InlineData("vertex_ai", "claude-3-5-sonnet-v2@20241022", "vertex_ai/claude-3-5-sonnet")]
    [InlineData("gcp.vertex_ai", "claude-sonnet-4@20250514", "vertex_ai/claude-sonnet-4@20250514")]
    [InlineData("vertex_ai", "gemini-2.5-pro", "vertex_ai/gemini-2.5-pro")]
    [InlineData("gemini", "models/gemini-2.5-pro", "gemini/gemini-2.5-pro")]
    [InlineData("gcp.gemini", "gemini/gemini-2.5-flash", "gemini/gemini-2.5-flash")]
    [InlineData("google", "gemini-2.5-flash", "gemini/gemini-2.5-flash")]
    // Other providers and spellings.
    [InlineData("azure_openai", "azure/gpt-4o", "azure/gpt-4o")]
    [InlineData("mistral_ai", "mistral/mistral-large-latest", "mistral/mistral-large-latest")]
    [InlineData("x_ai", "grok-4", "xai/grok-4")]
    public void Resolves(string provider, string model, string expectedId)
    {
        Assert.Equal(expectedId, PriceCatalog.BuiltIn.Resolve(provider, model, At)?.Id);
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini-fancy")]
    [InlineData("openai", "claude-sonnet-4-20250514")]
    [InlineData("bedrock", "gpt-4o")]
    [InlineData("anthropic", "claude-sonnet-99")]
    [InlineData("openai", "")]
    [InlineData("unknown-provider", "gpt-4o")]
    public void Does_not_resolve_to_another_model_or_provider(string provider, string model)
    {
        Assert.Null(PriceCatalog.BuiltIn.Resolve(provider, model, At));
    }

    [Fact]
    public void Bedrock_geo_profile_with_its_own_price_is_its_own_entry()
    {
        // LiteLLM prices us. Claude 4.5 profiles with the +10% regional premium: 3.3 against 3 for the base id.
        var profile = PriceCatalog.BuiltIn.Resolve("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", At)!;
        var baseModel = PriceCatalog.BuiltIn.Resolve("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", At)!;
        Assert.Equal(3.3m, profile.Default.Rates.Input);
        Assert.Equal(3m, baseModel.Default.Rates.Input);
    }

    [Fact]
    public void Mini_never_resolves_to_its_larger_sibling()
    {
        // With only gpt-4o in the catalog, gpt-4o-mini (dated or not) must stay unpriced.
        var catalog = PriceCatalog.Create([TestCatalogs.Entry("openai/gpt-4o", "gpt-4o", new PriceRates(2.5m, 10m))]);
        Assert.Null(catalog.Resolve("openai", "gpt-4o-mini", At));
        Assert.Null(catalog.Resolve("openai", "gpt-4o-mini-2024-07-18", At));
        Assert.NotNull(catalog.Resolve("openai", "gpt-4o-2024-08-06", At));
    }
}
