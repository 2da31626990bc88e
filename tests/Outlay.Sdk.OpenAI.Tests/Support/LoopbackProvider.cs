using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Outlay.Sdk.OpenAI.Tests.Support;

/// <summary>A stand-in provider on loopback that answers every request with one recorded body, so the real SDK client can call it.</summary>
internal sealed class LoopbackProvider : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly byte[] _body;
    private readonly string _contentType;

    public LoopbackProvider(string body, string contentType)
    {
        _body = Encoding.UTF8.GetBytes(body);
        _contentType = contentType;
        Endpoint = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/v1/");
        _listener.Prefixes.Add(Endpoint.GetLeftPart(UriPartial.Authority) + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>The body of the last request the SDK sent.</summary>
    public string? LastRequestBody { get; private set; }

    public void Dispose()
    {
        _listener.Close();
        _ = _serving.Exception;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                LastRequestBody = await reader.ReadToEndAsync();
            }

            context.Response.ContentType = _contentType;
            context.Response.ContentLength64 = _body.Length;
            await context.Response.OutputStream.WriteAsync(_body);
            context.Response.Close();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
