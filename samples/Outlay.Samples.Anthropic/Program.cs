// Reports the usage of official Anthropic .NET SDK calls to an Outlay server.
// Start a server (dotnet run --project src/Outlay.Cli -- serve), create an ingest key
// (outlay keys create --store sqlite:./outlay-data/outlay.db --kind ingest --project demo), then:
//   OUTLAY_INGEST_KEY=olk_ingest_... dotnet run --project samples/Outlay.Samples.Anthropic
// The Anthropic API is replaced by RecordedAnthropicApi (recorded bodies), so no Anthropic key is needed.
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using Outlay.Samples.Anthropic;
using Outlay.Sdk;
using Outlay.Sdk.Anthropic;

var endpoint = Environment.GetEnvironmentVariable("OUTLAY_ENDPOINT") ?? "http://127.0.0.1:5318";
await using var outlay = new OutlayClient(new OutlayClientOptions
{
    Endpoint = new Uri(endpoint),
    IngestKey = Environment.GetEnvironmentVariable("OUTLAY_INGEST_KEY"), // an Outlay key, never a provider key
    Service = "samples-anthropic",
    Environment = "dev",
});

using var anthropic = new AnthropicClient(new ClientOptions
{
    ApiKey = "not-a-real-key",                           // the recorded API below ignores it
    HttpClient = new HttpClient(new RecordedAnthropicApi()),
});

var request = new MessageCreateParams
{
    MaxTokens = 512,
    Messages = [new UserMessageParam("Summarise the three articles.")],
    Model = "claude-sonnet-4-5-20250929",
};

// One call: record its usage after it returns. Input reported = input + cache reads + cache writes.
var context = new AnthropicUsageContext
{
    KeyLabel = "anthropic-dev",                          // names the credential, never contains it
    Tags = new Dictionary<string, string> { ["feature"] = "summarize" },
};
var message = await anthropic.Messages.Create(request);
outlay.TrackUsage(message, context);
Console.WriteLine($"message:   {message.Model.Raw()}, {message.Usage.InputTokens} + {message.Usage.CacheCreationInputTokens} cache-write input tokens");

// A stream: one event when it ends (cancelled if left early), with the last cumulative output count.
Console.Write("streaming: ");
var stream = anthropic.Messages.CreateStreaming(request);
await foreach (var streamEvent in outlay.TrackStream(stream, new AnthropicUsageContext { Tags = new Dictionary<string, string> { ["feature"] = "chat" } }))
{
    if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var text))
    {
        Console.Write(text.Text);
    }
}

Console.WriteLine();
var delivered = await outlay.FlushAsync(TimeSpan.FromSeconds(5));
var statistics = outlay.GetStatistics();
Console.WriteLine(delivered
    ? $"Sent {statistics.Delivered} usage events to {endpoint}; see them with: outlay report --server {endpoint} --key <read key> --by tag.feature,model"
    : $"Could not deliver to {endpoint} within 5 s (is the server running, is OUTLAY_INGEST_KEY set?). Statistics: {statistics}");
