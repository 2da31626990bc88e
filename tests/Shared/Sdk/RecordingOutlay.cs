using System.Net;
using System.Text;
using System.Text.Json;
using Outlay.Sdk;

namespace Outlay.Testing;

/// <summary>
/// A real <see cref="OutlayClient"/> whose HTTP requests are answered in memory: every posted body is kept as sent
/// (uncompressed), so tests read the wire JSON the server would see.
/// </summary>
internal sealed class RecordingOutlay : IAsyncDisposable
{
    // The shape of a real ingest key (prefix, 12 + 52 lowercase base32 characters); it opens nothing.
    private const string TestIngestKey = "olk_ingest_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private readonly RecordingHandler _handler = new();

    public RecordingOutlay()
    {
        Client = new OutlayClient(new OutlayClientOptions
        {
            IngestKey = TestIngestKey,
            CompressRequests = false,
            HttpMessageHandler = _handler,
            Service = "tests",
        });
    }

    public OutlayClient Client { get; }

    /// <summary>Flushes the client and returns every request body posted so far, as text.</summary>
    public async Task<IReadOnlyList<string>> BodiesAsync()
    {
        Assert.True(await Client.FlushAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the client did not flush");
        return _handler.Bodies;
    }

    /// <summary>Flushes the client and returns every event posted so far, in order.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync()
    {
        var events = new List<JsonElement>();
        foreach (var body in await BodiesAsync())
        {
            using var document = JsonDocument.Parse(body);
            events.AddRange(document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()));
        }

        return events;
    }

    /// <summary>Flushes and returns the only event posted.</summary>
    public async Task<JsonElement> SingleEventAsync() => Assert.Single(await EventsAsync());

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _handler.Dispose();
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly Lock _gate = new();
        private readonly List<string> _bodies = [];

        public IReadOnlyList<string> Bodies
        {
            get
            {
                lock (_gate)
                {
                    return [.. _bodies];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            int count;
            using (var document = JsonDocument.Parse(body))
            {
                count = document.RootElement.GetProperty("events").GetArrayLength();
            }

            lock (_gate)
            {
                _bodies.Add(body);
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"accepted":{{count}},"duplicates":0,"rejected":[]}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
