using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>The signed generic webhook against a real local receiver that verifies with the README recipe.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec_Ab3-long-test-secret";

    [Fact]
    public async Task A_signed_notice_reaches_an_allow_listed_receiver_that_verifies_it_with_the_readme_recipe()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var processed = new ConcurrentDictionary<string, int>();
        receiver.Answer = request => VerifyingAnswer(request, DateTimeOffset.UtcNow, processed);
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));
        var notice = TestNotices.Budget(link: new Uri("https://outlay.example/alerts?id=1"));

        var outcome = await sender.SendWebhookAsync(receiver.Url("/hooks/outlay?token=abc"), notice, Secret);

        Assert.True(outcome.Delivered, outcome.Detail);
        Assert.Equal("HTTP 200: verified", outcome.Detail);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(notice.Id, request.Header("Outlay-Event-Id"));
        Assert.Equal("budget.threshold", request.Header("Outlay-Event"));
        Assert.StartsWith("Outlay/", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", request.Header("Outlay-Signature"));

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(["id", "event", "project_id", "title", "summary", "occurred_at", "data", "link"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(notice.Id, root.GetProperty("id").GetString());
        Assert.Equal("prj_test", root.GetProperty("project_id").GetString());
        Assert.Equal("2026-03-14T09:30:00.000Z", root.GetProperty("occurred_at").GetString());
        Assert.Equal(80, root.GetProperty("data").GetProperty("threshold_percent").GetInt32());
        Assert.Equal("https://outlay.example/alerts?id=1", root.GetProperty("link").GetString());
    }

    [Fact]
    public async Task The_receiver_rejects_a_tampered_body_a_wrong_secret_and_a_replay_is_deduplicated()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var processed = new ConcurrentDictionary<string, int>();
        receiver.Answer = request => VerifyingAnswer(request, DateTimeOffset.UtcNow, processed);
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));
        Assert.True((await sender.SendWebhookAsync(receiver.Url("/hook"), secret: Secret)).Delivered);
        var original = Assert.Single(receiver.Requests);
        using var plain = new HttpClient();

        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original.Body).Replace("80.00", "8.00", StringComparison.Ordinal));
        using var rejected = await ReplayAsync(plain, receiver, original, tampered);
        Assert.Equal(401, (int)rejected.StatusCode);
        using var replay = await ReplayAsync(plain, receiver, original, original.Body);
        Assert.Equal("duplicate", await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Single(processed);

        using var otherSender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.1"));
        var wrongSecret = await otherSender.SendWebhookAsync(receiver.Url("/hook"), secret: "whsec_other");
        Assert.Equal(DeliveryOutcome.Permanent("HTTP 401: bad signature"), wrongSecret);
    }

    [Fact]
    public async Task A_signature_older_than_five_minutes_is_rejected_and_the_sender_reports_the_4xx_as_permanent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var processed = new ConcurrentDictionary<string, int>();
        receiver.Answer = request => VerifyingAnswer(request, DateTimeOffset.UtcNow, processed);
        var late = new FixedClock(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(30));
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"), clock: late);

        var outcome = await sender.SendWebhookAsync(receiver.Url("/hook"), secret: Secret);

        Assert.Equal(DeliveryOutcome.Permanent("HTTP 401: bad signature"), outcome);
        Assert.Empty(processed);

        late.Now = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(4);
        Assert.True((await sender.SendWebhookAsync(receiver.Url("/hook"), secret: Secret)).Delivered);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(410, false)]
    public async Task Status_codes_map_to_retryable_or_permanent(int status, bool retryable)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => new ReceiverAnswer(status, "nope");
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));

        var outcome = await sender.SendWebhookAsync(receiver.Url("/hook"));

        Assert.False(outcome.Delivered);
        Assert.Equal(retryable, outcome.Retryable);
        Assert.Equal($"HTTP {status}: nope", outcome.Detail);
    }

    [Fact]
    public async Task A_long_response_body_is_read_only_to_a_short_single_line_detail()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => new ReceiverAnswer(500, "line one\r\nline two " + new string('x', 100_000));
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));

        var outcome = await sender.SendWebhookAsync(receiver.Url("/hook"));

        Assert.True(outcome.Retryable);
        Assert.StartsWith("HTTP 500: line one  line two xxx", outcome.Detail, StringComparison.Ordinal);
        Assert.True(outcome.Detail.Length <= 220, outcome.Detail);
    }

    [Fact]
    public async Task A_closed_port_is_a_retryable_connection_failure_that_does_not_name_the_url()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));

        var outcome = await sender.SendWebhookAsync(new Uri($"http://127.0.0.1:{port}/hook?token=s3cr3t"));

        Assert.True(outcome.Retryable, outcome.Detail);
        Assert.DoesNotContain("s3cr3t", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/hook", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_or_a_non_http_url_is_refused_without_a_request()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"));

        Assert.False((await sender.SendWebhookAsync(receiver.Url("/hook"), secret: "")).Retryable);
        Assert.False((await sender.SendWebhookAsync(new Uri("ftp://127.0.0.1/hook"))).Retryable);
        Assert.Empty(receiver.Requests);
    }

    private static ReceiverAnswer VerifyingAnswer(ReceivedRequest request, DateTimeOffset now, ConcurrentDictionary<string, int> processed)
    {
        if (!WebhookSignatureVerifier.Verify(request.Header("Outlay-Signature"), request.Body, Secret, now))
        {
            return new ReceiverAnswer(401, "bad signature");
        }

        // Dedupe by Outlay-Event-Id: a redelivery is acknowledged but not acted on twice.
        return processed.TryAdd(request.Header("Outlay-Event-Id")!, 1)
            ? new ReceiverAnswer(200, "verified")
            : new ReceiverAnswer(200, "duplicate");
    }

    private static Task<HttpResponseMessage> ReplayAsync(HttpClient client, WebhookReceiver receiver, ReceivedRequest original, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url(original.Path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Outlay-Signature", original.Header("Outlay-Signature"));
        request.Headers.Add("Outlay-Event-Id", original.Header("Outlay-Event-Id"));
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
