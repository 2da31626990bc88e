using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Outlay.Samples.OpenAI;

/// <summary>
/// A stand-in for api.openai.com on loopback, so the sample runs without a provider key or network: it answers every
/// request with one canned chat completion body.
/// </summary>
internal sealed class FakeOpenAIServer : IDisposable
{
    // Shaped like a real Chat Completions answer; only its usage, model, id and service_tier are ever read by Outlay.
    private const string CannedCompletion = """
        {"id":"chatcmpl-sample-1","object":"chat.completion","created":1784092252,"model":"gpt-4o-mini-2024-07-18",
         "choices":[{"index":0,"message":{"role":"assistant","content":"The ticket asks for a refund.","refusal":null,"annotations":[]},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":1250,"completion_tokens":42,"total_tokens":1292,
                  "prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
         "service_tier":"default"}
        """;

    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public FakeOpenAIServer()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/v1/");
        _listener.Prefixes.Add(Endpoint.GetLeftPart(UriPartial.Authority) + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The base address to give <c>OpenAIClientOptions.Endpoint</c>.</summary>
    public Uri Endpoint { get; }

    public void Dispose()
    {
        _listener.Close();
        _ = _serving.Exception; // Closing the listener ends the loop with an exception nobody needs to see.
    }

    private async Task ServeAsync()
    {
        var body = Encoding.UTF8.GetBytes(CannedCompletion);
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync().ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
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
