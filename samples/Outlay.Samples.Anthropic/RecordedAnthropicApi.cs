using System.Net;
using System.Text;

namespace Outlay.Samples.Anthropic;

/// <summary>
/// A stand-in for api.anthropic.com so the sample runs without an Anthropic account: it answers with RECORDED
/// response bodies (shortened). In an application, leave out the HttpClient option and use a real key.
/// </summary>
internal sealed class RecordedAnthropicApi : HttpMessageHandler
{
    private const string RecordedMessage = """
        {"id":"msg_01SampleRecorded000000","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"Three short summaries."}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":4,"cache_creation_input_tokens":1163,"cache_read_input_tokens":0,
                  "cache_creation":{"ephemeral_5m_input_tokens":1163,"ephemeral_1h_input_tokens":0},
                  "output_tokens":187,"service_tier":"standard"}}
        """;

    private const string RecordedStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01SampleStream0000000","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":1163,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello from a recorded stream."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":201}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var streaming = requestBody.Contains("\"stream\":true", StringComparison.Ordinal);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = streaming
                ? new StringContent(RecordedStream, Encoding.UTF8, "text/event-stream")
                : new StringContent(RecordedMessage, Encoding.UTF8, "application/json"),
        };
    }
}
