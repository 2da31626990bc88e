using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>Every ingest refusal reaches the client with the right status: 413, 415, 429 with Retry-After.</summary>
public sealed class IngestLimitTests
{
    [Fact]
    public async Task A_body_whose_Content_Length_exceeds_the_limit_is_413()
    {
        await using var server = await RunningServer.StartAsync(o => o.MaxRequestBodyBytes = 1024);
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("big"), ApiKeyKind.Ingest);
        var events = Enumerable.Range(0, 20).Select(_ => EventJson.Event()).ToArray();

        var response = await server.PostEventsAsync(key, EventJson.Batch(events));

        await ApiJson.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_batch_with_more_events_than_allowed_is_413_and_stores_nothing()
    {
        await using var server = await RunningServer.StartAsync(o => o.MaxEventsPerBatch = 10);
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("many"), ApiKeyKind.Ingest);

        var response = await server.PostEventsAsync(key, EventJson.Batch(Enumerable.Range(0, 11).Select(_ => EventJson.Event()).ToArray()));
        await ApiJson.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge);

        var accepted = await server.PostEventsAsync(key, EventJson.Batch(Enumerable.Range(0, 10).Select(_ => EventJson.Event()).ToArray()));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_without_Content_Length_is_cut_off_at_the_limit_with_413()
    {
        await using var server = await RunningServer.StartAsync(o => o.MaxRequestBodyBytes = 1024);
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("chunked"), ApiKeyKind.Ingest);
        var body = Encoding.UTF8.GetBytes(EventJson.Batch(Enumerable.Range(0, 20).Select(_ => EventJson.Event()).ToArray()));
        var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Null(content.Headers.ContentLength);

        var response = await server.SendAsync(HttpMethod.Post, "/v1/events", key, content);

        await ApiJson.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_with_413_once_the_decompressed_cap_is_passed()
    {
        await using var server = await RunningServer.StartAsync(o => o.MaxDecompressedBytes = 64 * 1024);
        var project = await server.CreateProjectAsync("bomb");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);

        // 32 MiB of spaces inside a valid-looking envelope compresses to a few tens of KiB: small on the wire, huge inflated.
        var compressed = Gzip(Encoding.UTF8.GetBytes("{\"events\": [" + new string(' ', 32 * 1024 * 1024) + "]}"));
        Assert.True(compressed.Length < server.Options.MaxRequestBodyBytes);

        var response = await server.SendAsync(HttpMethod.Post, "/v1/events", key, GzipContent(compressed));

        var problem = await ApiJson.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("decompressed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_body_within_the_limits_is_accepted()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("gzip"), ApiKeyKind.Ingest);
        var compressed = Gzip(Encoding.UTF8.GetBytes(EventJson.Batch(EventJson.Event(), EventJson.Event())));

        var answer = await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Post, "/v1/events", key, GzipContent(compressed)), HttpStatusCode.OK);

        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task A_body_that_claims_gzip_but_is_not_is_400()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("badgzip"), ApiKeyKind.Ingest);

        var response = await server.SendAsync(HttpMethod.Post, "/v1/events", key, GzipContent(Encoding.UTF8.GetBytes(EventJson.Batch(EventJson.Event()))));

        await ApiJson.ExpectAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("zstd")]
    public async Task Content_encodings_other_than_gzip_are_415(string encoding)
    {
        await using var server = await RunningServer.StartAsync();
        var key = await server.CreateKeyAsync(await server.CreateProjectAsync("encoding"), ApiKeyKind.Ingest);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(EventJson.Batch(EventJson.Event())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(encoding);

        var response = await server.SendAsync(HttpMethod.Post, "/v1/events", key, content);

        await ApiJson.ExpectAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_key_over_its_event_rate_gets_429_with_Retry_After_and_nothing_is_stored()
    {
        await using var server = await RunningServer.StartAsync(o =>
        {
            o.IngestEventsPerSecond = 1;
            o.IngestBurstEvents = 3;
        });
        var project = await server.CreateProjectAsync("ratelimited");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);

        var first = await server.PostEventsAsync(key, EventJson.Batch(EventJson.Event(), EventJson.Event(), EventJson.Event()));
        var second = await server.PostEventsAsync(key, EventJson.Batch(EventJson.Event(), EventJson.Event()));

        await ApiJson.ExpectAsync(first, HttpStatusCode.OK);
        await ApiJson.ExpectAsync(second, HttpStatusCode.TooManyRequests);
        var retryAfter = second.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await IngestProtocolTests.QueryTotalsAsync(server, project)).Events);
    }

    [Fact]
    public async Task The_rate_limit_is_per_key()
    {
        await using var server = await RunningServer.StartAsync(o =>
        {
            o.IngestEventsPerSecond = 1;
            o.IngestBurstEvents = 2;
        });
        var project = await server.CreateProjectAsync("perkey");
        var busy = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var quiet = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);

        await ApiJson.ExpectAsync(await server.PostEventsAsync(busy, EventJson.Batch(EventJson.Event(), EventJson.Event())), HttpStatusCode.OK);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(busy, EventJson.Batch(EventJson.Event())), HttpStatusCode.TooManyRequests);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(quiet, EventJson.Batch(EventJson.Event())), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Writes_backing_up_behind_a_locked_store_are_refused_with_503_and_Retry_After()
    {
        await using var server = await RunningServer.StartAsync(o =>
        {
            o.MaxConcurrentIngestWrites = 1;
            o.MaxWaitingIngestWrites = 0;
        });
        var project = await server.CreateProjectAsync("overload");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        await ApiJson.ExpectAsync(await server.PostEventsAsync(key, EventJson.Batch(EventJson.Event())), HttpStatusCode.OK);

        // Another connection holds SQLite's write lock, so the first ingest to get the one write slot waits on the
        // store (busy timeout) while holding it; the other finds no slot and no waiting room.
        await using var blocker = new SqliteConnection($"Data Source={server.Options.StorePath}");
        await blocker.OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(blocker, "BEGIN IMMEDIATE");
        var a = server.PostEventsAsync(key, EventJson.Batch(EventJson.Event()));
        var b = server.PostEventsAsync(key, EventJson.Batch(EventJson.Event()));
        var first = await Task.WhenAny(a, b);
        var refused = await first;
        await ExecuteAsync(blocker, "ROLLBACK");
        var admitted = await (first == a ? b : a);

        var problem = await ApiJson.ExpectAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("waiting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var answer = await ApiJson.ExpectAsync(admitted, HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(2, (await IngestProtocolTests.QueryTotalsAsync(server, project)).Events);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static ByteArrayContent GzipContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    /// <summary>Hides the length so HttpClient sends the body chunked, without Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
