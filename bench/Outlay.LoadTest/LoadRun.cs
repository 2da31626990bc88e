using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Outlay.LoadTest;

/// <summary>Runs the senders and collects acknowledged counts and latencies.</summary>
internal static class LoadRun
{
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "claude-sonnet-4-20250514", "gemini-2.5-flash", "text-embedding-3-small"];
    private static readonly string[] Providers = ["openai", "openai", "anthropic", "gemini", "openai"];
    private static readonly string[] Features = ["summarize", "chat", "search", "classify", "embed"];

    public static async Task<LoadResult> RunAsync(Uri target, string key, LoadSettings settings)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 2 })
        {
            BaseAddress = target,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        long requests = 0, accepted = 0, failed = 0, throttled = 0;
        var latencies = new List<double>[settings.Concurrency];
        var stopwatch = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, settings.Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var mine = latencies[worker] = new List<double>(4096);
            while (stopwatch.Elapsed < settings.Duration)
            {
                var body = BuildBody(random, settings.BatchSize, settings.Gzip);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (settings.Gzip)
                {
                    content.Headers.ContentEncoding.Add("gzip");
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(new Uri("v1/events", UriKind.Relative), content).ConfigureAwait(false);
                    var answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        using var doc = JsonDocument.Parse(answer);
                        Interlocked.Add(ref accepted, doc.RootElement.GetProperty("accepted").GetInt64());
                    }
                    else if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref throttled);
                        await Task.Delay(50).ConfigureAwait(false);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(senders).ConfigureAwait(false);
        stopwatch.Stop();
        return new LoadResult(stopwatch.Elapsed, requests, accepted, failed, throttled, latencies.SelectMany(l => l).ToList());
    }

    private static byte[] BuildBody(Random random, int count, bool gzip)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var m = random.Next(Models.Length);
                var input = random.Next(100, 20_000);
                writer.WriteStartObject();
                writer.WriteString("id", Guid.CreateVersion7(now));
                writer.WriteString("timestamp", now.AddMilliseconds(-random.Next(0, 60_000)));
                writer.WriteString("provider", Providers[m]);
                writer.WriteString("model", Models[m]);
                writer.WriteStartObject("usage");
                writer.WriteNumber("input_tokens", input);
                writer.WriteNumber("output_tokens", m == 4 ? 0 : random.Next(10, 2_000));
                writer.WriteNumber("cache_read_tokens", random.Next(0, input / 2));
                writer.WriteEndObject();
                writer.WriteString("service", "svc-" + random.Next(5));
                writer.WriteString("environment", "prod");
                writer.WriteString("key_label", "load-" + Providers[m]);
                writer.WriteStartObject("tags");
                writer.WriteString("feature", Features[random.Next(Features.Length)]);
                writer.WriteString("customer", "customer-" + random.Next(50));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (!gzip)
        {
            return buffer.ToArray();
        }

        using var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            buffer.Position = 0;
            buffer.CopyTo(zip);
        }

        return compressed.ToArray();
    }
}
