using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Outlay.Sdk.Diagnostics.Tests.Support;

/// <summary>
/// A loopback HTTP endpoint standing in for an Outlay server: records every body posted to <c>/v1/events</c>
/// (gunzipped) and answers 200 with nothing rejected.
/// </summary>
internal sealed class EventRecorder : IAsyncDisposable
{
    /// <summary>A fake ingest key of the right shape; the recorder accepts anything.</summary>
    public const string FakeIngestKey = "olk_ingest_ABCDEFGHIJKL_ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUV";

    private readonly HttpListener _listener = new();
    private readonly List<string> _bodies = [];
    private readonly Task _loop;

    private EventRecorder(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Every request body received so far, as text.</summary>
    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    /// <summary>Every event received so far.</summary>
    public IReadOnlyList<JsonElement> Events =>
        [.. Bodies.SelectMany(body => JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()))];

    public static EventRecorder Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new EventRecorder(port);
    }

    /// <summary>A client pointed at this recorder; its loop sends at once when asked to flush.</summary>
    public OutlayClient CreateClient() => new(new OutlayClientOptions
    {
        Endpoint = Endpoint,
        IngestKey = FakeIngestKey,
        Service = "diagnostics-tests",
        Environment = "test",
        FlushInterval = TimeSpan.FromMilliseconds(50),
        MinRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    });

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the pending GetContextAsync this way.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var response = context.Response;
            if (context.Request.Url?.AbsolutePath != "/v1/events")
            {
                response.StatusCode = 404;
                continue;
            }

            Stream body = context.Request.InputStream;
            if (string.Equals(context.Request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }

            string text;
            using (var reader = new StreamReader(body, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync();
            }

            lock (_bodies)
            {
                _bodies.Add(text);
            }

            var count = JsonDocument.Parse(text).RootElement.GetProperty("events").GetArrayLength();
            var answer = Encoding.UTF8.GetBytes($"{{\"accepted\":{count},\"duplicates\":0,\"rejected\":[]}}");
            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(answer);
        }
    }
}
