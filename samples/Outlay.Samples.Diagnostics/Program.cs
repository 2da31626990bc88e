// Outlay.Sdk.Diagnostics sample: record the gen_ai.* activities .NET AI libraries already emit.
//
// In a real application you would call an IChatClient built with .UseOpenTelemetry() (and perhaps the OpenAI SDK
// with OpenAI.Experimental.EnableOpenTelemetry); the listener below needs no other change. Here, so that the
// sample runs without a provider account, the two activities such a call produces are SIMULATED by hand.
//
//   OUTLAY_ENDPOINT     the Outlay server (default http://127.0.0.1:5318; start one with `outlay serve`)
//   OUTLAY_INGEST_KEY   an ingest key (`outlay keys create --kind ingest --project demo ...`)
using System.Diagnostics;
using Outlay.Sdk;
using Outlay.Sdk.Diagnostics;

await using var outlay = new OutlayClient(new OutlayClientOptions
{
    Endpoint = new Uri(Environment.GetEnvironmentVariable("OUTLAY_ENDPOINT") ?? "http://127.0.0.1:5318"),
    IngestKey = Environment.GetEnvironmentVariable("OUTLAY_INGEST_KEY"),
    Service = "diagnostics-sample",
    Environment = "dev",
});

// Start once at application start-up; dispose at shutdown.
using (var listener = OutlayActivityListener.Start(outlay, options =>
{
    options.KeyLabel = "openai-dev";
    options.TagAttributes["app.feature"] = "feature";   // copy this activity tag or baggage item into the "feature" tag
}))
{
    SimulateOneChatCall();
}

var delivered = await outlay.FlushAsync(TimeSpan.FromSeconds(10));
Console.WriteLine(delivered
    ? "Sent one usage event (input 4020 of which 4012 cached, output 4) to Outlay."
    : "Could not deliver to Outlay; is the server running and OUTLAY_INGEST_KEY set?");

// SIMULATED: what Microsoft.Extensions.AI (outer span) around the OpenAI SDK (inner span) emit for one chat call,
// with the tag values of a real capture. The listener records the call once, with the cache reads only the outer span has.
static void SimulateOneChatCall()
{
    using var meai = new ActivitySource("Experimental.Microsoft.Extensions.AI");
    using var openAi = new ActivitySource("OpenAI.ChatClient");
    using var baggage = new Activity("incoming request").AddBaggage("app.feature", "summarize").Start();

    using var outer = meai.StartActivity("chat gpt-5.6-sol", ActivityKind.Client);
    outer?.SetTag("gen_ai.operation.name", "chat")
        .SetTag("gen_ai.provider.name", "openai")
        .SetTag("gen_ai.request.model", "gpt-5.6-sol");

    using (var inner = openAi.StartActivity("chat gpt-5.6-sol", ActivityKind.Client))
    {
        inner?.SetTag("gen_ai.operation.name", "chat")
            .SetTag("gen_ai.system", "openai")
            .SetTag("gen_ai.request.model", "gpt-5.6-sol")
            .SetTag("gen_ai.response.id", "chatcmpl-simulated-1")
            .SetTag("gen_ai.response.model", "gpt-5.6-sol")
            .SetTag("gen_ai.usage.input_tokens", 4020)
            .SetTag("gen_ai.usage.output_tokens", 4);
    }

    outer?.SetTag("gen_ai.response.id", "chatcmpl-simulated-1")
        .SetTag("gen_ai.response.model", "gpt-5.6-sol")
        .SetTag("openai.response.service_tier", "default")
        .SetTag("gen_ai.usage.input_tokens", 4020)
        .SetTag("gen_ai.usage.output_tokens", 4)
        .SetTag("gen_ai.usage.cache_read.input_tokens", 4012);
}
