using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outlay.Server.IntegrationTests.Support;

/// <summary>
/// A loopback stand-in for the OpenAI API: <c>POST /v1/chat/completions</c> answers with one recorded body, so the
/// real OpenAI SDK parses a real provider answer without a network or a key.
/// </summary>
internal sealed class FakeOpenAiProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private FakeOpenAiProvider(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address to give <c>OpenAIClientOptions.Endpoint</c> (ends in <c>/v1/</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>How many chat completion requests were answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <param name="body">The recorded response body, sent as is.</param>
    /// <param name="contentType"><c>application/json</c>, or <c>text/event-stream</c> for a recorded stream.</param>
    public static async Task<FakeOpenAiProvider> StartAsync(string body, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAiProvider? provider = null;
        var bytes = Encoding.UTF8.GetBytes(body);
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            Interlocked.Increment(ref provider!._requests);
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider = new FakeOpenAiProvider(app, new Uri(new Uri(address), "/v1/"));
        return provider;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
