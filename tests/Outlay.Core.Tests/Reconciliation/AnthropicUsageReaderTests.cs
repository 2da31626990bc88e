using System.Text;
using Outlay.Core.Reconciliation;

namespace Outlay.Core.Tests.Reconciliation;

public sealed class AnthropicUsageReaderTests
{
    private static readonly DateTimeOffset ImportedAt = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    // The example response of platform.claude.com's get-messages-usage-report.
    private const string DocExample = """
        {"data":[{"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[{
          "api_key_id":"apikey_01Rj2N8SVvo6BePZj99NhmiT","workspace_id":"wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ",
          "model":"claude-sonnet-4-20250514","service_tier":"standard","context_window":"0-200k",
          "uncached_input_tokens":1500,"cache_read_input_tokens":200,
          "cache_creation":{"ephemeral_1h_input_tokens":1000,"ephemeral_5m_input_tokens":500},
          "output_tokens":500,"server_tool_use":{"web_search_requests":10}}]}],
         "has_more":true,"next_page":"page_MjAyNS0wNS0xNFQwMDowMDowMFo="}
        """;

    [Fact]
    public void Documented_example_counts_all_input_and_maps_tier_and_workspace()
    {
        var import = ProviderUsageImporter.Read(Encoding.UTF8.GetBytes(DocExample), format: null, ImportedAt);

        Assert.Equal(UsageImportFormats.Anthropic, import.Format);
        var record = Assert.Single(import.Records);
        Assert.Equal(
            new ProviderUsageRecord(
                "anthropic", new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero), "apikey_01Rj2N8SVvo6BePZj99NhmiT",
                "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", "claude-sonnet-4-20250514", "default", null, 3200, 500, 200, 1500, null,
                AnthropicUsageReader.FileSource, ImportedAt),
            record);
        Assert.True(import.HasMore);
        Assert.Equal("page_MjAyNS0wNS0xNFQwMDowMDowMFo=", import.NextPage);
    }

    [Theory]
    [InlineData("batch", "batch")]
    [InlineData("priority", "priority")]
    [InlineData("Standard", "default")]
    public void Service_tiers_map_to_outlay_tiers(string tier, string expected)
    {
        var json = $$"""{"data":[{"starting_at":"2025-08-01T00:00:00Z","results":[{"uncached_input_tokens":1,"output_tokens":1,"service_tier":"{{tier}}"}]}]}""";

        var record = Assert.Single(AnthropicUsageReader.Read(Encoding.UTF8.GetBytes(json), ImportedAt).Records);

        Assert.Equal(expected, record.ServiceTier);
    }

    [Theory]
    [InlineData("""{"data":[{"starting_at":"yesterday","results":[]}]}""", "data[0].starting_at must be an RFC 3339 time")]
    [InlineData("""{"data":[{"starting_at":"2025-08-01T00:00:00Z","results":[{"output_tokens":1}]}]}""", "uncached_input_tokens is required")]
    [InlineData("""{"data":[{"starting_at":"2025-08-01T00:00:00Z","results":[{"uncached_input_tokens":1,"cache_creation":5}]}]}""", "cache_creation must be an object")]
    [InlineData("""{"data":[{"starting_at":"2025-08-01T00:00:00Z","results":[{"uncached_input_tokens":1,"service_tier":"gold"}]}]}""", "service_tier must be")]
    [InlineData("""{"data":[{"starting_at":"2025-08-01T00:00:00Z","results":[{"uncached_input_tokens":1000000000000000,"cache_read_input_tokens":1}]}]}""", "input tokens add up to more than")]
    public void Wrong_input_is_refused_with_the_path(string json, string message)
    {
        var error = Assert.Throws<UsageImportException>(() => AnthropicUsageReader.Read(Encoding.UTF8.GetBytes(json), ImportedAt));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
