using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Outlay.Server.IntegrationTests.Support;

/// <summary>
/// The setup an application would write: the OpenAI SDK's <see cref="ChatClient"/> with its experimental tracing on,
/// wrapped by Microsoft.Extensions.AI's <c>UseOpenTelemetry</c>, and a <see cref="TracerProvider"/> exporting both
/// spans with the real OTLP/HTTP protobuf exporter to an Outlay server, authenticated by an ingest key.
/// </summary>
/// <remarks>
/// By default the exporter keeps its batching processor, exporting only on <see cref="Flush"/>, which then sends the OpenAI SDK's
/// span and MEAI's span in one export. With <see cref="ExportProcessorType.Simple"/> each span is exported alone as it
/// ends, the OpenAI SDK's child first, and the server must upgrade the stored event when MEAI's richer span arrives. ActivitySources are process-wide, so tests using this class must not run in parallel with
/// each other (they share one test class).
/// </remarks>
internal sealed class TracedChatClient : IDisposable
{
    private readonly TracerProvider _tracerProvider;
    private readonly ContentSpy _contentSpy;

    public TracedChatClient(
        Uri providerEndpoint,
        Uri tracesEndpoint,
        string ingestKey,
        bool enableSensitiveData,
        string? contentMarker = null,
        ExportProcessorType exportProcessor = ExportProcessorType.Batch)
    {
        // The OpenAI SDK emits its spans only behind this switch; it must be set before its first client is created.
        AppContext.SetSwitch("OpenAI.Experimental.EnableOpenTelemetry", true);
        var sourceName = "Outlay.IntegrationTests.Meai." + Guid.NewGuid().ToString("N");
        _contentSpy = new ContentSpy(contentMarker);
        _tracerProvider = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("outlay-integration-meai"))
            .AddSource(sourceName, "OpenAI.*")
            .AddProcessor(_contentSpy)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = tracesEndpoint;
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Headers = "x-outlay-key=" + ingestKey;
                o.ExportProcessorType = exportProcessor;
                // Only Flush exports: a timer firing between the two spans' ends would split the call across exports.
                o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = 600_000;
            })
            .Build();

        var openAi = new ChatClient("gpt-5.6-sol", new ApiKeyCredential("not-a-real-key"), new OpenAIClientOptions { Endpoint = providerEndpoint });
        Client = openAi.AsIChatClient()
            .AsBuilder()
            .UseOpenTelemetry(sourceName: sourceName, configure: c => c.EnableSensitiveData = enableSensitiveData)
            .Build();
    }

    public IChatClient Client { get; }

    /// <summary>Whether a span that ended carried the content marker in one of its attributes (proves the canary is armed).</summary>
    public bool MarkerWasInASpan => _contentSpy.Seen;

    /// <summary>Exports every ended span now; fails the test when the exporter does not finish within 30 s.</summary>
    public void Flush() =>
        Assert.True(_tracerProvider.ForceFlush(timeoutMilliseconds: 30_000), "the OTLP exporter did not flush within 30 s");

    public void Dispose()
    {
        Client.Dispose();
        _tracerProvider.Dispose();
    }

    /// <summary>Looks at the attributes of each ended span for the marker; records nothing else.</summary>
    private sealed class ContentSpy(string? marker) : BaseProcessor<Activity>
    {
        private int _seen;

        public bool Seen => Volatile.Read(ref _seen) == 1;

        public override void OnEnd(Activity data)
        {
            if (marker is not null && data.TagObjects.Any(t => t.Value?.ToString()?.Contains(marker, StringComparison.Ordinal) == true))
            {
                Volatile.Write(ref _seen, 1);
            }
        }
    }
}
