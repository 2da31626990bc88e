// Reports the usage of Microsoft.Extensions.AI chat calls to an Outlay server.
// Start a server (dotnet run --project src/Outlay.Cli -- serve), create an ingest key
// (outlay keys create --store sqlite:./outlay-data/outlay.db --kind ingest --project demo), then:
//   OUTLAY_INGEST_KEY=olk_ingest_... dotnet run --project samples/Outlay.Samples.ExtensionsAI
using Microsoft.Extensions.AI;
using Outlay.Samples.ExtensionsAI;
using Outlay.Sdk;
using Outlay.Sdk.Extensions.AI;

var endpoint = Environment.GetEnvironmentVariable("OUTLAY_ENDPOINT") ?? "http://127.0.0.1:5318";
await using var outlay = new OutlayClient(new OutlayClientOptions
{
    Endpoint = new Uri(endpoint),
    IngestKey = Environment.GetEnvironmentVariable("OUTLAY_INGEST_KEY"), // an Outlay key, never a provider key
    Service = "samples-extensions-ai",
    Environment = "dev",
});

// UseOutlay() goes last, directly above the provider's client, so each provider round trip is recorded once.
using var chat = new ChatClientBuilder(new CannedChatClient())
    .UseOutlay(outlay, options =>
    {
        options.KeyLabel = "openai-dev";      // names the credential, never contains it
        options.Tags["team"] = "docs";        // sent with every call of this client
    })
    .Build();

// Ambient tags apply to every call in this flow until disposed; per-call tags travel in ChatOptions and
// are removed before the provider sees the options.
using (OutlayTags.Begin("feature", "summarize"))
{
    var perCall = new ChatOptions
    {
        AdditionalProperties = new() { [OutlayTags.PerCallKey] = new Dictionary<string, string> { ["customer"] = "acme" } },
    };
    var response = await chat.GetResponseAsync("Summarise this ticket.", perCall);
    Console.WriteLine($"chat:      {response.Text}  (feature=summarize, customer=acme)");
}

using (OutlayTags.Begin("feature", "assistant"))
{
    Console.Write("streaming: ");
    await foreach (var update in chat.GetStreamingResponseAsync("Say something."))
    {
        Console.Write(update.Text);
    }

    Console.WriteLine("  (feature=assistant)");
}

var delivered = await outlay.FlushAsync(TimeSpan.FromSeconds(5));
var statistics = outlay.GetStatistics();
Console.WriteLine(delivered
    ? $"Sent {statistics.Delivered} usage events to {endpoint}; see them with: outlay report --server {endpoint} --key <read key> --by tag.feature,model"
    : $"Could not deliver to {endpoint} within 5 s (is the server running, is OUTLAY_INGEST_KEY set?). Statistics: {statistics}");
