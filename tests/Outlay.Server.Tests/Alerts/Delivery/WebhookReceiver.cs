using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>A real Kestrel receiver on 127.0.0.1 and a free port that records every request and answers as told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Decides the answer; default 200 "ok".</summary>
    public Func<ReceivedRequest, ReceiverAnswer> Answer { get; set; } = _ => new ReceiverAnswer(200, "ok");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray());
            receiver!.Requests.Enqueue(request);
            var answer = receiver.Answer(request);
            context.Response.StatusCode = answer.Status;
            if (answer.Location is not null)
            {
                context.Response.Headers.Location = answer.Location;
            }

            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address));
        return receiver;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
