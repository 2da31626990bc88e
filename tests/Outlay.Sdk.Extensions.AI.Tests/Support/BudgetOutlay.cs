using System.Net;
using System.Text;

namespace Outlay.Sdk.Extensions.AI.Tests.Support;

/// <summary>
/// A real <see cref="OutlayClient"/> whose HTTP requests are answered in memory: the budget status with
/// <see cref="StatusBody"/> (or <see cref="StatusCode"/>), event posts with 200, counting both.
/// </summary>
internal sealed class BudgetOutlay : IAsyncDisposable
{
    public const string AcmeExceeded = """
        {"as_of":"2026-11-23T10:15:02.123+00:00","budgets":[
        {"name":"Acme prod","state":"exceeded","percentage":104.25,"scope":["environment:prod","tag.customer:acme"],"period":"month","resets_at":"2999-12-01T00:00:00+00:00"},
        {"name":"GPT-4o via prod key","state":"exceeded","percentage":100,"scope":["key_label:openai-prod","model:gpt-4o"],"period":"rolling","resets_at":null},
        {"name":"Embeddings","state":"exceeded","percentage":250.5,"scope":["operation:embeddings","provider:openai"],"period":"day","resets_at":"2999-12-01T00:00:00+00:00"},
        {"name":"Everything","state":"warning","percentage":90,"scope":[],"period":"month","resets_at":"2999-12-01T00:00:00+00:00"}]}
        """;

    private readonly Handler _handler = new();

    public BudgetOutlay(params string[] failClosed)
    {
        var options = new OutlayClientOptions
        {
            IngestKey = "olk_ingest_aaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            HttpMessageHandler = _handler,
            Service = "tests",
            Environment = "prod",
        };
        foreach (var name in failClosed)
        {
            options.FailClosedBudgets.Add(name);
        }

        Client = new OutlayClient(options);
    }

    public OutlayClient Client { get; }

    public string StatusBody
    {
        get => _handler.StatusBody;
        set => _handler.StatusBody = value;
    }

    public HttpStatusCode StatusCode
    {
        get => _handler.StatusCode;
        set => _handler.StatusCode = value;
    }

    public int StatusRequests => _handler.StatusRequests;

    /// <summary>Flushes and returns how many events were posted.</summary>
    public async Task<int> EventCountAsync()
    {
        Assert.True(await Client.FlushAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        return (int)Client.GetStatistics().Delivered;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _handler.Dispose();
    }

    private sealed class Handler : HttpMessageHandler
    {
        private int _statusRequests;

        public string StatusBody { get; set; } = AcmeExceeded;

        public HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

        public int StatusRequests => Volatile.Read(ref _statusRequests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/api/v1/budgets/status")
            {
                Interlocked.Increment(ref _statusRequests);
                return Task.FromResult(new HttpResponseMessage(StatusCode) { Content = new StringContent(StatusBody, Encoding.UTF8, "application/json") });
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}", Encoding.UTF8, "application/json"),
            });
        }
    }
}
