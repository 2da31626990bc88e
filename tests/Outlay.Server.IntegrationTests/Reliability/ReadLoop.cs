using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>Dashboard-style reads through the API, about ten a second: spend grouped several ways, as JSON and CSV, findings, drops, health.</summary>
internal sealed class ReadLoop(Uri address, string readKey)
{
    private static readonly string[] Paths =
    [
        "/api/v1/spend?from={0}&to={1}",
        "/api/v1/spend?from={0}&to={1}&groupBy=service",
        "/api/v1/spend?from={0}&to={1}&groupBy=model&interval=hour",
        "/api/v1/spend?from={0}&to={1}&groupBy=service&format=csv",
        "/api/v1/findings",
        "/api/v1/ingest/drops",
        "/healthz",
    ];

    private long _completed;
    private long _failed;

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public Task RunAsync(CancellationToken stop) => Task.Run(async () =>
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readKey);
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            var path = string.Format(CultureInfo.InvariantCulture, Paths[n++ % Paths.Length], Format(now.AddHours(-2)), Format(now.AddHours(1)));
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
            await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref _completed : ref _failed);
            await Task.Delay(100, CancellationToken.None);
        }
    }, CancellationToken.None);

    private static string Format(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
