using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outlay.Server.Tests.Reconciliation;

/// <summary>
/// A provider admin API on real Kestrel (127.0.0.1, a free port) serving usage pages: the first page for a request
/// without <c>page</c>, later ones by cursor. Records every request's path, query and headers.
/// </summary>
internal sealed class FakeAdminApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _throttled;

    private FakeAdminApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Cursor ("" for the first page) → JSON page.</summary>
    public ConcurrentDictionary<string, string> Pages { get; } = new();

    /// <summary>How many first requests answer 429 before the pages are served.</summary>
    public int ThrottleFirst { get; set; }

    public ConcurrentQueue<(string PathAndQuery, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = new();

    public static async Task<FakeAdminApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeAdminApi? fake = null;
        app.Run(async context =>
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            fake!.Requests.Enqueue((context.Request.Path + context.Request.QueryString, headers));
            if (Interlocked.Increment(ref fake._throttled) <= fake.ThrottleFirst)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return;
            }

            var cursor = context.Request.Query["page"].ToString();
            if (!fake.Pages.TryGetValue(cursor, out var page))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(page, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake = new FakeAdminApi(app, new Uri(address));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
