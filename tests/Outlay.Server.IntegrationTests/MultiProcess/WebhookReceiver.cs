using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outlay.Server.IntegrationTests.MultiProcess;

/// <summary>A webhook endpoint on loopback that answers 200 and keeps every body it was sent.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _bodies;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<string> bodies, Uri url)
    {
        _app = app;
        _bodies = bodies;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<string> Bodies => [.. _bodies];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var bodies = new ConcurrentQueue<string>();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            bodies.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookReceiver(app, bodies, new Uri(address.TrimEnd('/') + "/hook"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
