using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>One <c>POST /v1/events</c> with a JSON batch of new ids, answered with its status, <c>Retry-After</c> and body.</summary>
internal static class IngestProbe
{
    public sealed record Answer(int Status, TimeSpan? RetryAfter, string Body);

    /// <summary>A plain HTTP client for <paramref name="address"/> that authenticates with <paramref name="ingestKey"/>.</summary>
    public static HttpClient Client(Uri address, string ingestKey)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
        return http;
    }

    /// <summary>Sends the events <paramref name="ids"/> once; status 0 when no answer arrived.</summary>
    public static async Task<Answer> PostAsync(HttpClient http, IReadOnlyList<Guid> ids, string service)
    {
        try
        {
            using var content = new ByteArrayContent(Body(ids, service));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri("/v1/events", UriKind.Relative), content, CancellationToken.None);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return new Answer((int)response.StatusCode, retryAfter, await response.Content.ReadAsStringAsync(CancellationToken.None));
        }
        catch (HttpRequestException e)
        {
            return new Answer(0, null, e.Message);
        }
        catch (TaskCanceledException)
        {
            return new Answer(0, null, "timeout");
        }
    }

    /// <summary>A wire contract v1 batch: one priced chat event per id, with a few tags so each event takes real space.</summary>
    public static byte[] Body(IReadOnlyList<Guid> ids, string service)
    {
        var timestamp = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = new StringBuilder("{\"events\":[");
        for (var i = 0; i < ids.Count; i++)
        {
            json.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{ids[i]}\",\"timestamp\":\"{timestamp}\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"operation\":\"chat\",")
                .Append(CultureInfo.InvariantCulture, $"\"usage\":{{\"input_tokens\":{1000 + i},\"output_tokens\":{100 + i}}},\"service\":\"{service}\",\"environment\":\"test\",")
                .Append(CultureInfo.InvariantCulture, $"\"instance\":\"instance-{i % 5}\",\"tags\":{{\"feature\":\"feature-{i % 7}\",\"customer\":\"customer-{i % 13}\",\"team\":\"team-{i % 3}\"}}}}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    public static Guid[] NewIds(int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
}
