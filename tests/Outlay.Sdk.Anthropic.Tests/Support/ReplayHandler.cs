using System.Net;
using System.Text;

namespace Outlay.Sdk.Anthropic.Tests.Support;

/// <summary>
/// Stands in for the Anthropic API under the real <c>AnthropicClient</c>: answers every request with one recorded
/// body, and counts the requests.
/// </summary>
internal sealed class ReplayHandler(string body, string mediaType) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        });
    }
}
