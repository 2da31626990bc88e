using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using Outlay.Core.Providers;
using Outlay.Sdk.Anthropic.Tests.Support;
using Outlay.Testing;

namespace Outlay.Sdk.Anthropic.Tests;

/// <summary>The real <see cref="AnthropicClient"/>, its HTTP answered with the recorded bodies.</summary>
public sealed class RealClientTests
{
    private static readonly MessageCreateParams Request = new()
    {
        MaxTokens = 256,
        Messages = [new UserMessageParam("Summarise the three articles.")],
        Model = "claude-3-5-sonnet-20240620",
    };

    [Fact]
    public async Task A_message_from_the_real_client_is_tracked_as_the_core_reads_its_body()
    {
        var body = SharedFixtures.ReadText(RecordedAnthropic.MessagePath);
        using var handler = new ReplayHandler(body, "application/json");
        using var client = NewClient(handler);
        await using var outlay = new RecordingOutlay();

        var message = await client.Messages.Create(Request, TestContext.Current.CancellationToken);
        Assert.True(outlay.Client.TrackUsage(message, new AnthropicUsageContext { KeyLabel = "anthropic-tests" }));

        Assert.Equal(1, handler.Requests);
        var sent = await outlay.SingleEventAsync();
        MessageTrackingTests.AssertSameUsage(ProviderResponseReader.Read(body), sent);
        Assert.Equal(1167, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.DoesNotContain(RecordedAnthropic.ContentCanary, string.Concat(await outlay.BodiesAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_from_the_real_client_is_tracked_once_with_the_last_cumulative_output()
    {
        var sse = SharedFixtures.ReadText(RecordedAnthropic.StreamPath);
        using var handler = new ReplayHandler(sse, "text/event-stream");
        using var client = NewClient(handler);
        await using var outlay = new RecordingOutlay();

        var stream = client.Messages.CreateStreaming(Request, TestContext.Current.CancellationToken);
        await foreach (var _ in outlay.Client.TrackStream(stream).WithCancellation(TestContext.Current.CancellationToken))
        {
        }

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("ok", sent.GetProperty("status").GetString());
        Assert.Equal(201, sent.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        MessageTrackingTests.AssertSameUsage(ProviderResponseReader.Read(sse), sent);
        Assert.DoesNotContain(RecordedAnthropic.ContentCanary, string.Concat(await outlay.BodiesAsync()), StringComparison.Ordinal);
    }

    // A dummy key: the handler answers every request, so nothing leaves the process.
    private static AnthropicClient NewClient(ReplayHandler handler) =>
        new(new ClientOptions
        {
            ApiKey = "not-a-real-key",
            BaseUrl = "http://127.0.0.1:9",
            HttpClient = new HttpClient(handler, disposeHandler: false),
            MaxRetries = 0,
        });
}
