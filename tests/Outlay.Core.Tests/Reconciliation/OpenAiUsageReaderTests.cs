using System.Text;
using Outlay.Core.Reconciliation;
using Outlay.Testing;

namespace Outlay.Core.Tests.Reconciliation;

public sealed class OpenAiUsageReaderTests
{
    private static readonly DateTimeOffset ImportedAt = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Real_cookbook_output_gives_one_record_per_day_with_exact_figures()
    {
        var path = SharedFixtures.Require("fixtures/admin-api/openai_usage-completions_buckets_1d.json");

        var import = ProviderUsageImporter.Read(File.ReadAllBytes(path), format: null, ImportedAt);

        Assert.Equal(UsageImportFormats.OpenAI, import.Format);
        Assert.Equal(3, import.RowsRead);
        Assert.Collection(
            import.Records,
            r => AssertRecord(r, new DateTimeOffset(2025, 1, 11, 0, 0, 0, TimeSpan.Zero), 470, 141_201, 9_756, 0),
            r => AssertRecord(r, new DateTimeOffset(2025, 1, 12, 0, 0, 0, TimeSpan.Zero), 150, 45_949, 282, 0),
            r => AssertRecord(r, new DateTimeOffset(2025, 1, 13, 0, 0, 0, TimeSpan.Zero), 3_053, 3_718_360, 97_756, 76_544));
        Assert.All(import.Records, r =>
        {
            Assert.Equal(("openai", "", "", "", ""), (r.Provider, r.ProviderKeyId, r.ProviderProject, r.Model, r.ServiceTier));
            Assert.Null(r.CostNanoUsd);
            Assert.Equal((OpenAiUsageReader.FileSource, ImportedAt), (r.Source, r.ImportedAt));
        });
    }

    [Fact]
    public void Page_envelope_grouped_by_key_model_and_batch_reads_tiers_and_paging()
    {
        const string json = """
            {"object":"page","has_more":true,"next_page":"page_AAAA","data":[
              {"object":"bucket","start_time":1763596800,"end_time":1763683200,"results":[
                {"object":"organization.usage.completions.result","input_tokens":1000,"output_tokens":50,"num_model_requests":4,
                 "input_cached_tokens":200,"input_cache_write_tokens":100,"project_id":"proj_1","api_key_id":"key_a","model":"gpt-4o-2024-08-06","batch":false},
                {"object":"organization.usage.completions.result","input_tokens":3000,"output_tokens":70,"num_model_requests":2,
                 "project_id":"proj_1","api_key_id":"key_a","model":"gpt-4o-2024-08-06","batch":true},
                {"object":"organization.usage.completions.result","input_tokens":10,"output_tokens":1,"num_model_requests":1,
                 "project_id":"proj_1","api_key_id":"key_b","model":"gpt-4o-mini","batch":null,"service_tier":"flex"}]}]}
            """;

        var import = OpenAiUsageReader.Read(Encoding.UTF8.GetBytes(json), ImportedAt, OpenAiUsageReader.ApiSource);

        Assert.True(import.HasMore);
        Assert.Equal("page_AAAA", import.NextPage);
        Assert.Equal(
            [("key_a", "batch", 3000L, 0L), ("key_a", "default", 1000L, 200L), ("key_b", "flex", 10L, 0L)],
            import.Records.Select(r => (r.ProviderKeyId, r.ServiceTier, r.InputTokens, r.CacheReadTokens)).ToArray());
        Assert.Equal(100, import.Records[1].CacheWriteTokens);
        Assert.All(import.Records, r => Assert.Equal(new DateTimeOffset(2025, 11, 20, 0, 0, 0, TimeSpan.Zero), r.Day));
        Assert.All(import.Records, r => Assert.Equal(OpenAiUsageReader.ApiSource, r.Source));
    }

    [Fact]
    public void Hourly_buckets_and_embeddings_of_one_day_are_summed_into_one_record()
    {
        const string json = """
            {"object":"page","has_more":false,"next_page":null,"data":[
              {"object":"bucket","start_time":1763596800,"end_time":1763600400,"results":[
                {"object":"organization.usage.embeddings.result","input_tokens":500,"num_model_requests":5,"api_key_id":"key_a","model":"text-embedding-3-small"}]},
              {"object":"bucket","start_time":1763679600,"end_time":1763683200,"results":[
                {"object":"organization.usage.embeddings.result","input_tokens":700,"num_model_requests":7,"api_key_id":"key_a","model":"text-embedding-3-small"}]}]}
            """;

        var import = OpenAiUsageReader.Read(Encoding.UTF8.GetBytes(json), ImportedAt);

        var record = Assert.Single(import.Records);
        Assert.Equal((1200L, 0L, 12L), (record.InputTokens, record.OutputTokens, record.Requests));
        Assert.Equal(2, import.RowsRead);
        Assert.False(import.HasMore);
    }

    [Fact]
    public void A_single_bucket_is_read()
    {
        const string json = """
            {"object":"bucket","start_time":1736726400,"end_time":1736812800,"results":[{"object":"organization.usage.completions.result",
             "input_tokens":3718360,"output_tokens":97756,"num_model_requests":3053,"project_id":null,"user_id":null,"api_key_id":null,
             "model":null,"batch":null,"input_cached_tokens":76544,"input_audio_tokens":5776,"output_audio_tokens":3166}]}
            """;

        var record = Assert.Single(ProviderUsageImporter.Read(Encoding.UTF8.GetBytes(json), null, ImportedAt).Records);

        Assert.Equal((3_718_360L, 97_756L, 76_544L), (record.InputTokens, record.OutputTokens, record.CacheReadTokens));
    }

    [Fact]
    public void Costs_amount_in_float_dollars_becomes_exact_nano_dollars()
    {
        const string json = """
            {"object":"bucket","start_time":1736553600,"end_time":1736640000,"results":[{"object":"organization.costs.result",
             "amount":{"value":0.13080438340307526,"currency":"usd"},"line_item":null,"project_id":null,"organization_id":"org-GLHrIv00VVN9dEQC2b4wsBkf"},
             {"object":"organization.costs.result","amount":{"value":1.5e-3,"currency":"usd"},"line_item":null,"project_id":null}]}
            """;

        var record = Assert.Single(OpenAiUsageReader.Read(Encoding.UTF8.GetBytes(json), ImportedAt).Records);

        // 0.13080438340307526 rounds to 130,804,383 nano-dollars; 1.5e-3 is exactly 1,500,000.
        Assert.Equal(130_804_383L + 1_500_000L, record.CostNanoUsd);
        Assert.Equal((0L, 0L, (long?)null), (record.InputTokens, record.OutputTokens, record.Requests));
        Assert.Equal(new DateTimeOffset(2025, 1, 11, 0, 0, 0, TimeSpan.Zero), record.Day);
    }

    [Theory]
    [InlineData("""[{"start_time":1736553600,"results":[{"input_tokens":"12"}]}]""", "$[0].results[0].input_tokens must be a number")]
    [InlineData("""[{"start_time":1736553600,"results":[{"input_tokens":1e400}]}]""", "$[0].results[0].input_tokens must be a whole number")]
    [InlineData("""[{"start_time":1736553600,"results":[{"input_tokens":12.5}]}]""", "$[0].results[0].input_tokens must be a whole number")]
    [InlineData("""[{"start_time":1736553600,"results":[{"input_tokens":-1}]}]""", "$[0].results[0].input_tokens must be a whole number")]
    [InlineData("""[{"start_time":1736553600,"results":[{"input_tokens":1000000000000001}]}]""", "must be a whole number from 0 to 1,000,000,000,000,000")]
    [InlineData("""[{"start_time":1736553600,"results":[{"output_tokens":5}]}]""", "$[0].results[0].input_tokens is required")]
    [InlineData("""[{"start_time":"2025-01-01","results":[]}]""", "$[0].start_time must be a Unix time")]
    [InlineData("""[{"start_time":1736553600,"results":{}}]""", "$[0].results must be an array")]
    [InlineData("""[{"start_time":1736553600,"results":[{"input_tokens":1,"model":7}]}]""", "$[0].results[0].model must be a string or null")]
    [InlineData("""[{"start_time":1736553600,"results":[{"input_tokens":1,"batch":"yes"}]}]""", "$[0].results[0].batch must be true, false or null")]
    [InlineData("""[{"start_time":1736553600,"results":[{"object":"organization.usage.images.result","images":3}]}]""", "is not token usage")]
    [InlineData("""[{"start_time":1736553600,"results":[{"object":"organization.costs.result","amount":{"value":1,"currency":"eur"}}]}]""", "currency must be usd")]
    [InlineData("""[{"start_time":1736553600,"results":[{"object":"organization.costs.result","amount":{"value":1e300}}]}]""", "must be a decimal number of dollars")]
    [InlineData("""{"object":"page","data":[],"has_more":"no"}""", "has_more must be true or false")]
    [InlineData("""{"object":"page","data":[1]}""", "data[0] must be an object")]
    [InlineData("""{"object":"page","data":[{"start_time":1,"results":[]}""", "not valid JSON")]
    [InlineData("""42""", "$ must be a page object")]
    public void Hostile_or_wrong_input_is_refused_with_the_path(string json, string message)
    {
        var error = Assert.Throws<UsageImportException>(() => OpenAiUsageReader.Read(Encoding.UTF8.GetBytes(json), ImportedAt));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_crash()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<UsageImportException>(() => ProviderUsageImporter.Read(Encoding.UTF8.GetBytes(json), null, ImportedAt));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_message_never_repeats_the_refused_value()
    {
        const string json = """[{"start_time":1736553600,"results":[{"input_tokens":1,"api_key_id":"sk-proj-SECRETSECRETSECRETSECRET\u0001"}]}]""";

        var error = Assert.Throws<UsageImportException>(() => OpenAiUsageReader.Read(Encoding.UTF8.GetBytes(json), ImportedAt));

        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.Contains("api_key_id contains a control character", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRecord(ProviderUsageRecord record, DateTimeOffset day, long requests, long input, long output, long cached)
    {
        Assert.Equal(day, record.Day);
        Assert.Equal((requests, input, output, cached, 0L), (record.Requests ?? -1, record.InputTokens, record.OutputTokens, record.CacheReadTokens, record.CacheWriteTokens));
    }
}
