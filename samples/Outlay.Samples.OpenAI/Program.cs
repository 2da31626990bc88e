// Reports the usage of official OpenAI .NET SDK calls to an Outlay server.
// Start a server (dotnet run --project src/Outlay.Cli -- serve), create an ingest key
// (outlay keys create --store sqlite:./outlay-data/outlay.db --kind ingest --project demo), then:
//   OUTLAY_INGEST_KEY=olk_ingest_... dotnet run --project samples/Outlay.Samples.OpenAI
// The provider here is a loopback stand-in (FakeOpenAIServer), so no OpenAI key is needed; with a real key,
// drop the Endpoint option and nothing else changes.
using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Outlay.Samples.OpenAI;
using Outlay.Sdk;
using Outlay.Sdk.OpenAI;

var endpoint = Environment.GetEnvironmentVariable("OUTLAY_ENDPOINT") ?? "http://127.0.0.1:5318";
await using var outlay = new OutlayClient(new OutlayClientOptions
{
    Endpoint = new Uri(endpoint),
    IngestKey = Environment.GetEnvironmentVariable("OUTLAY_INGEST_KEY"), // an Outlay key, never a provider key
    Service = "samples-openai",
    Environment = "dev",
});

using var fakeOpenAI = new FakeOpenAIServer();
var chat = new ChatClient("gpt-4o-mini", new ApiKeyCredential("not-a-real-key"), new OpenAIClientOptions { Endpoint = fakeOpenAI.Endpoint });

var started = TimeProvider.System.GetTimestamp();
ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Summarise this ticket.")]);

// After the call has returned: usage, model and tier are read from the result; the message text never is.
var tracked = outlay.TrackUsage(completion, new OpenAIUsageContext
{
    KeyLabel = "openai-dev",                 // names the credential, never contains it
    LatencyMs = (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds,
    Tags = new Dictionary<string, string> { ["feature"] = "summarize", ["customer"] = "acme" },
});
Console.WriteLine($"chat: {completion.Content[0].Text}  ({completion.Usage.InputTokenCount} in, {completion.Usage.OutputTokenCount} out, tracked: {tracked})");

var delivered = await outlay.FlushAsync(TimeSpan.FromSeconds(5));
var statistics = outlay.GetStatistics();
Console.WriteLine(delivered
    ? $"Sent {statistics.Delivered} usage event to {endpoint}; see it with: outlay report --server {endpoint} --key <read key> --by tag.feature,model"
    : $"Could not deliver to {endpoint} within 5 s (is the server running, is OUTLAY_INGEST_KEY set?). Statistics: {statistics}");
