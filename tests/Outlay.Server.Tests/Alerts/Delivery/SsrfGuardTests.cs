using System.Net;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>
/// The address guard on real sockets: each refusal happens before any connection (the recording connector saw no
/// attempt and the receiver no request), and names the address class without the URL's path or query.
/// </summary>
public sealed class SsrfGuardTests
{
    // A public address outside every reserved range; the recording connector never lets a test reach it for real.
    private static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.215.14");

    [Theory]
    [InlineData("https://127.0.0.1/hook?token=s3cr3t", "loopback address 127.0.0.1")]
    [InlineData("https://127.45.0.9/hook?token=s3cr3t", "loopback address 127.45.0.9")]
    [InlineData("https://10.0.0.5/hook?token=s3cr3t", "private address 10.0.0.5")]
    [InlineData("https://172.16.3.4/hook?token=s3cr3t", "private address 172.16.3.4")]
    [InlineData("https://172.31.255.1/hook?token=s3cr3t", "private address 172.31.255.1")]
    [InlineData("https://192.168.1.1/hook?token=s3cr3t", "private address 192.168.1.1")]
    [InlineData("http://169.254.169.254/latest/meta-data/?token=s3cr3t", "cloud metadata address 169.254.169.254")]
    [InlineData("https://169.254.10.1/hook?token=s3cr3t", "link-local address 169.254.10.1")]
    [InlineData("https://100.100.100.200/hook?token=s3cr3t", "shared (CGNAT) address 100.100.100.200")]
    [InlineData("https://0.0.0.0/hook?token=s3cr3t", "unspecified address 0.0.0.0")]
    [InlineData("https://[::1]/hook?token=s3cr3t", "loopback address ::1")]
    [InlineData("https://[::]/hook?token=s3cr3t", "unspecified address ::")]
    [InlineData("https://[::ffff:127.0.0.1]/hook?token=s3cr3t", "loopback address ::ffff:127.0.0.1")]
    [InlineData("https://[::ffff:10.0.0.1]/hook?token=s3cr3t", "private address ::ffff:10.0.0.1")]
    [InlineData("https://[fd00:ec2::254]/hook?token=s3cr3t", "cloud metadata address fd00:ec2::254")]
    [InlineData("https://[fd12:3456::1]/hook?token=s3cr3t", "private address fd12:3456::1")]
    [InlineData("https://[fe80::1]/hook?token=s3cr3t", "link-local address fe80::1")]
    [InlineData("https://[2002:a00:1::1]/hook?token=s3cr3t", "private address inside 6to4 2002:a00:1::1")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook?token=s3cr3t", "cloud metadata address inside NAT64 64:ff9b::a9fe:a9fe")]
    [InlineData("https://224.0.0.1/hook?token=s3cr3t", "multicast address 224.0.0.1")]
    [InlineData("https://255.255.255.255/hook?token=s3cr3t", "broadcast address 255.255.255.255")]
    [InlineData("https://198.18.0.1/hook?token=s3cr3t", "benchmarking address 198.18.0.1")]
    [InlineData("https://192.0.0.8/hook?token=s3cr3t", "IETF protocol address 192.0.0.8")]
    [InlineData("https://203.0.113.7/hook?token=s3cr3t", "documentation address 203.0.113.7")]
    [InlineData("https://2130706433/hook?token=s3cr3t", "loopback address 127.0.0.1")]
    public async Task An_internal_address_literal_is_refused_before_any_connection(string url, string refusedClass)
    {
        var connector = new RecordingConnector();
        using var sender = TestNotices.Sender(connector: connector);

        var outcome = await sender.SendWebhookAsync(new Uri(url));

        Assert.Equal(DeliveryOutcome.Permanent("refused: " + refusedClass), outcome);
        Assert.Empty(connector.Attempts);
        Assert.DoesNotContain("s3cr3t", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/hook", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_receiver_sees_nothing_unless_loopback_is_allow_listed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var connector = new RecordingConnector();
        using var guarded = TestNotices.Sender(connector: connector);

        var refused = await guarded.SendWebhookAsync(receiver.Url("/hook"));

        Assert.Equal(DeliveryOutcome.Permanent("refused: loopback address 127.0.0.1"), refused);
        Assert.Empty(connector.Attempts);
        Assert.Empty(receiver.Requests);

        using var allowed = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"), connector: connector);
        Assert.True((await allowed.SendWebhookAsync(receiver.Url("/hook"))).Delivered);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_host_name_whose_dns_answer_is_internal_is_refused_before_connecting()
    {
        var resolver = new FakeHostResolver(new() { ["hooks.example.com"] = [IPAddress.Parse("10.1.2.3")] });
        var connector = new RecordingConnector();
        using var sender = TestNotices.Sender(resolver: resolver, connector: connector);

        var outcome = await sender.SendWebhookAsync(new Uri("https://hooks.example.com/hook"));

        Assert.Equal(DeliveryOutcome.Permanent("refused: private address 10.1.2.3"), outcome);
        Assert.Equal(["hooks.example.com"], resolver.Lookups);
        Assert.Empty(connector.Attempts);
    }

    [Fact]
    public async Task A_host_name_answering_one_public_and_one_private_address_is_refused_whichever_comes_first()
    {
        var resolver = new FakeHostResolver(new()
        {
            ["mixed-a.example.com"] = [PublicAddress, IPAddress.Parse("192.168.0.10")],
            ["mixed-b.example.com"] = [IPAddress.Parse("fd00::10"), PublicAddress],
        });
        var connector = new RecordingConnector();
        using var sender = TestNotices.Sender(resolver: resolver, connector: connector);

        Assert.Equal(DeliveryOutcome.Permanent("refused: private address 192.168.0.10"), await sender.SendWebhookAsync(new Uri("https://mixed-a.example.com/hook")));
        Assert.Equal(DeliveryOutcome.Permanent("refused: private address fd00::10"), await sender.SendWebhookAsync(new Uri("https://mixed-b.example.com/hook")));
        Assert.Empty(connector.Attempts);
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_that_was_checked_after_a_single_lookup()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var resolver = new FakeHostResolver(new() { ["receiver.test"] = [IPAddress.Loopback] });
        var connector = new RecordingConnector();
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.1"), resolver, connector);

        var outcome = await sender.SendWebhookAsync(new Uri($"http://receiver.test:{receiver.BaseAddress.Port}/hook"));

        Assert.True(outcome.Delivered, outcome.Detail);
        Assert.Equal(["receiver.test"], resolver.Lookups);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, receiver.BaseAddress.Port), Assert.Single(connector.Attempts));
        Assert.Equal($"receiver.test:{receiver.BaseAddress.Port}", Assert.Single(receiver.Requests).Header("Host"));
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_receiver_to_an_internal_address_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => new ReceiverAnswer(302, Location: "http://169.254.169.254/latest/meta-data/iam");
        var connector = new RecordingConnector();
        using var sender = TestNotices.Sender(o => o.AlertTargetAllowList.Add("127.0.0.0/8"), connector: connector);

        var outcome = await sender.SendWebhookAsync(receiver.Url("/hook"));

        Assert.Equal(DeliveryOutcome.Permanent("HTTP 302: redirects are not followed"), outcome);
        Assert.All(connector.Attempts, endPoint => Assert.Equal(IPAddress.Loopback, endPoint.Address));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Plain_http_to_a_public_address_that_is_not_allow_listed_is_refused_before_connecting()
    {
        var resolver = new FakeHostResolver(new() { ["public.example.com"] = [PublicAddress] });
        var connector = new RecordingConnector();
        using var sender = TestNotices.Sender(resolver: resolver, connector: connector);

        var byName = await sender.SendWebhookAsync(new Uri("http://public.example.com/hook?token=s3cr3t"));
        var testNet = await sender.SendWebhookAsync(new Uri("http://203.0.113.7/hook?token=s3cr3t"));

        Assert.Equal(DeliveryOutcome.Permanent("refused: plain http to 93.184.215.14, which is not allow-listed; use https"), byName);
        Assert.Equal(DeliveryOutcome.Permanent("refused: documentation address 203.0.113.7"), testNet);
        Assert.Empty(connector.Attempts);
    }

    [Fact]
    public async Task Https_to_a_public_address_passes_the_guard_and_connects_to_that_address()
    {
        // The connector sends the connection to a local receiver that does not speak TLS, so the send fails after
        // the guard; what matters is that the guard let it through to the checked public address.
        await using var receiver = await WebhookReceiver.StartAsync();
        var resolver = new FakeHostResolver(new() { ["public.example.com"] = [PublicAddress] });
        var connector = new RecordingConnector(new IPEndPoint(IPAddress.Loopback, receiver.BaseAddress.Port));
        using var sender = TestNotices.Sender(resolver: resolver, connector: connector);

        var outcome = await sender.SendWebhookAsync(new Uri("https://public.example.com/hook"));

        Assert.True(outcome.Retryable, outcome.Detail);
        Assert.Equal(new IPEndPoint(PublicAddress, 443), Assert.Single(connector.Attempts));
    }
}
