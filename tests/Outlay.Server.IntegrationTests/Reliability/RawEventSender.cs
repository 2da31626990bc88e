using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// A client that speaks wire contract v1 with a plain <see cref="HttpClient"/> and records exactly which event ids the
/// server acknowledged (a 200 answer counting every event as accepted or duplicate). A batch that gets no 200 (a
/// killed server, a refused connection, a timeout) is sent again with the same ids until it does.
/// </summary>
internal sealed class RawEventSender : IDisposable
{
    private const int BatchSize = 20;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    private readonly HttpClient _http;
    private readonly string _name;
    private readonly Lock _gate = new();
    private readonly List<Guid> _acknowledged = [];
    private long _sent;
    private long _failedAttempts;
    private long _duplicatesReported;

    public RawEventSender(Uri address, string ingestKey, string name)
    {
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
        _name = name;
    }

    /// <summary>Distinct events sent at least once.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Attempts that got no 200 (network error, timeout, 5xx, 429).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Events the server answered as duplicates: stored by an attempt whose answer never arrived.</summary>
    public long DuplicatesReported => Interlocked.Read(ref _duplicatesReported);

    /// <summary>A copy of the ids acknowledged so far.</summary>
    public IReadOnlyList<Guid> Acknowledged()
    {
        lock (_gate)
        {
            return [.. _acknowledged];
        }
    }

    /// <summary>Sends batches (about 20 per second) until <paramref name="stop"/>; the batch in hand is always finished.</summary>
    public Task RunAsync(CancellationToken stop) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            await SendUntilAcknowledgedAsync();
            await Task.Delay(50, CancellationToken.None);
        }
    }, CancellationToken.None);

    public void Dispose() => _http.Dispose();

    private async Task SendUntilAcknowledgedAsync()
    {
        var ids = Enumerable.Range(0, BatchSize).Select(_ => Guid.CreateVersion7()).ToArray();
        var body = Body(ids);
        Interlocked.Add(ref _sent, ids.Length);
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            if (await TrySendAsync(body, ids.Length) is { } duplicates)
            {
                Interlocked.Add(ref _duplicatesReported, duplicates);
                lock (_gate)
                {
                    _acknowledged.AddRange(ids);
                }

                return;
            }

            Interlocked.Increment(ref _failedAttempts);
            Assert.True(DateTimeOffset.UtcNow - started < GiveUpAfter, $"{_name}: a batch was not acknowledged within {GiveUpAfter.TotalSeconds} s");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>The number of duplicates in a full acknowledgement, or null when the batch was not acknowledged.</summary>
    private async Task<int?> TrySendAsync(byte[] body, int count)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri("/v1/events", UriKind.Relative), content, CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
            var accepted = answer.RootElement.GetProperty("accepted").GetInt32();
            var duplicates = answer.RootElement.GetProperty("duplicates").GetInt32();
            var rejected = answer.RootElement.GetProperty("rejected").GetArrayLength();
            Assert.True(accepted + duplicates == count && rejected == 0, $"{_name}: a 200 answer did not acknowledge the whole batch: {answer.RootElement}");
            return duplicates;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            // HttpClient.Timeout.
            return null;
        }
    }

    private byte[] Body(Guid[] ids)
    {
        var timestamp = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = new StringBuilder("{\"events\":[");
        for (var i = 0; i < ids.Length; i++)
        {
            json.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{ids[i]}\",\"timestamp\":\"{timestamp}\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"operation\":\"chat\",")
                .Append(CultureInfo.InvariantCulture, $"\"usage\":{{\"input_tokens\":{1000 + i},\"output_tokens\":{100 + i}}},\"service\":\"{_name}\",\"environment\":\"test\"}}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
