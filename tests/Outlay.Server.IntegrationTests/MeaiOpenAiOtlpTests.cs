using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using Outlay.Core.Pricing;
using Outlay.Server.IntegrationTests.Support;
using Outlay.Testing;

namespace Outlay.Server.IntegrationTests;

/// <summary>
/// The real Microsoft.Extensions.AI + OpenAI .NET SDK + OpenTelemetry OTLP exporter, talking to a loopback fake of the
/// OpenAI API and exporting to a real Outlay server. All in one class on purpose: they listen to the process-wide
/// OpenAI ActivitySource, so they must not run in parallel with each other.
/// </summary>
public sealed class MeaiOpenAiOtlpTests
{
    private const string CacheReadFixture = "fixtures/openai/chat-completions_cache-read_gpt-5.6.json";
    private const string StreamFixture = "fixtures/openai/chat-completions_stream_include-usage.sse.txt";

    [Fact]
    public async Task A_call_through_MEAI_and_the_OpenAI_SDK_counts_once_at_the_price_outlay_cost_gives_its_response()
    {
        var body = SharedFixtures.ReadText(CacheReadFixture);
        var (read, expected) = ResponseCost.Of(body);
        await using var provider = await FakeOpenAiProvider.StartAsync(body, "application/json");
        await using var outlay = await OutlayUnderTest.StartAsync();

        using (var traced = new TracedChatClient(provider.Endpoint, outlay.TracesEndpoint, outlay.IngestKey, enableSensitiveData: false))
        {
            var response = await traced.Client.GetResponseAsync("Reply with OK.", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal("OK", response.Text);
            traced.Flush();
        }

        Assert.Equal(1, provider.Requests);
        var spend = await outlay.QuerySpendByModelAsync();
        AssertOneEventPricedAs(spend, read.Model!, expected, read.Usage.InputTokens, read.Usage.CacheReadTokens, read.Usage.OutputTokens);
        // 4,012 of 4,020 input tokens were cache reads: the stored price must carry that discount, which only MEAI's span reports.
        Assert.True(read.Usage.CacheReadTokens > 0);
    }

    [Fact]
    public async Task A_call_whose_two_spans_are_exported_separately_counts_once_at_the_price_with_its_cache_reads()
    {
        var body = SharedFixtures.ReadText(CacheReadFixture);
        var (read, expected) = ResponseCost.Of(body);
        await using var provider = await FakeOpenAiProvider.StartAsync(body, "application/json");
        await using var outlay = await OutlayUnderTest.StartAsync();

        // Simple: each span is exported as it ends, so the OpenAI SDK's span (no cache split) reaches the server first.
        using (var traced = new TracedChatClient(provider.Endpoint, outlay.TracesEndpoint, outlay.IngestKey, enableSensitiveData: false, exportProcessor: ExportProcessorType.Simple))
        {
            var response = await traced.Client.GetResponseAsync("Reply with OK.", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal("OK", response.Text);
            traced.Flush();
        }

        Assert.Equal(1, provider.Requests);
        var spend = await outlay.QuerySpendByModelAsync();
        Assert.Equal(4012, read.Usage.CacheReadTokens);
        AssertOneEventPricedAs(spend, read.Model!, expected, read.Usage.InputTokens, read.Usage.CacheReadTokens, read.Usage.OutputTokens);
    }

    [Fact]
    public async Task A_streamed_call_through_MEAI_and_the_OpenAI_SDK_counts_once_at_the_price_of_its_usage_chunk()
    {
        var body = SharedFixtures.ReadText(StreamFixture);
        var (read, expected) = ResponseCost.Of(body);
        await using var provider = await FakeOpenAiProvider.StartAsync(body, "text/event-stream");
        await using var outlay = await OutlayUnderTest.StartAsync();

        using (var traced = new TracedChatClient(provider.Endpoint, outlay.TracesEndpoint, outlay.IngestKey, enableSensitiveData: false))
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in traced.Client.GetStreamingResponseAsync("Say something.", cancellationToken: TestContext.Current.CancellationToken))
            {
                updates.Add(update);
            }

            Assert.NotEmpty(updates.ToChatResponse().Text);
            traced.Flush();
        }

        Assert.Equal(1, provider.Requests);
        var spend = await outlay.QuerySpendByModelAsync();
        AssertOneEventPricedAs(spend, read.Model!, expected, read.Usage.InputTokens, read.Usage.CacheReadTokens, read.Usage.OutputTokens);
    }

    [Fact]
    public async Task Message_content_exported_by_MEAI_with_sensitive_data_on_is_stored_nowhere()
    {
        var marker = "outlay-canary-" + Guid.NewGuid().ToString("N");
        var body = SharedFixtures.ReadText(CacheReadFixture);
        await using var provider = await FakeOpenAiProvider.StartAsync(body, "application/json");
        await using var outlay = await OutlayUnderTest.StartAsync();

        using (var traced = new TracedChatClient(provider.Endpoint, outlay.TracesEndpoint, outlay.IngestKey, enableSensitiveData: true, marker))
        {
            ChatMessage[] messages =
            [
                new(ChatRole.System, "You are terse. " + marker),
                new(ChatRole.User, "Reply with OK. " + marker),
            ];
            await traced.Client.GetResponseAsync(messages, cancellationToken: TestContext.Current.CancellationToken);
            traced.Flush();
            // Without this the test could pass with content never having left the process.
            Assert.True(traced.MarkerWasInASpan, "MEAI did not put the marker in gen_ai.input.messages; the canary is not armed");
        }

        var spend = await outlay.QuerySpendByModelAsync();
        Assert.Equal(1, spend.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("events").GetInt64()));
        await outlay.StopAsync();
        Assert.False(outlay.StoreFilesContain(marker), "message content reached the store's files");
    }

    private static void AssertOneEventPricedAs(JsonElement spend, string model, CostResult expected, long inputTokens, long cacheReadTokens, long outputTokens)
    {
        var row = Assert.Single(spend.GetProperty("rows").EnumerateArray());
        Assert.Equal(model, row.GetProperty("model").GetString());
        Assert.Equal(1, row.GetProperty("events").GetInt64());
        Assert.Equal(0, row.GetProperty("unpriced_events").GetInt64());
        // Money compared as exact decimals: the API writes nano-dollars / 1e9, so equality is to the nano-dollar.
        var expectedUsd = NanoUsd.ToUsd(expected.CostNanoUsd!.Value);
        Assert.Equal(expectedUsd, row.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(expectedUsd, spend.GetProperty("total_cost_usd").GetDecimal());
        Assert.Equal(inputTokens, row.GetProperty("input_tokens").GetInt64());
        Assert.Equal(cacheReadTokens, row.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(outputTokens, row.GetProperty("output_tokens").GetInt64());
    }
}
