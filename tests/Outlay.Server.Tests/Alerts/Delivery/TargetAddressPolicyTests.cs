using System.Net;
using Outlay.Server.Alerts.Delivery;
using Outlay.Server.Alerts.Delivery.Network;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>The address classes and the allow-list, without sockets.</summary>
public sealed class TargetAddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_have_no_refused_class(string address) =>
        Assert.Null(ReservedAddresses.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "documentation address inside Teredo")] // public server 65.54.227.120, client 192.0.2.45 (inverted)
    [InlineData("2001:0:0a00:0001::", "private address inside Teredo")]
    [InlineData("2001:db8::1", "documentation address")]
    [InlineData("ff02::1", "multicast address")]
    [InlineData("::127.0.0.1", "IPv4-compatible (deprecated) address")]
    [InlineData("fec0::1", "private address")]
    [InlineData("64:ff9b:1::a00:1", "private address")]
    [InlineData("4000::1", "reserved address")]
    [InlineData("240.0.0.1", "reserved address")]
    [InlineData("fe80::1%2", "link-local address")]
    public void Ipv6_embeddings_and_reserved_ranges_are_named(string address, string expected) =>
        Assert.Equal(expected, ReservedAddresses.Classify(IPAddress.Parse(address)));

    [Fact]
    public void The_allow_list_takes_addresses_and_ranges_and_matches_mapped_ipv6_as_ipv4()
    {
        var policy = TargetAddressPolicy.Parse(["10.20.0.0/16", "192.168.1.7", " fd00::/8 "]);

        Assert.Null(policy.Refusal(IPAddress.Parse("10.20.3.4"), plainHttp: true));
        Assert.Null(policy.Refusal(IPAddress.Parse("::ffff:10.20.3.4"), plainHttp: false));
        Assert.Null(policy.Refusal(IPAddress.Parse("192.168.1.7"), plainHttp: false));
        Assert.Null(policy.Refusal(IPAddress.Parse("fd00:ec2::254"), plainHttp: false));
        Assert.Equal("refused: private address 10.21.0.1", policy.Refusal(IPAddress.Parse("10.21.0.1"), plainHttp: false));
        Assert.Equal("refused: private address 192.168.1.8", policy.Refusal(IPAddress.Parse("192.168.1.8"), plainHttp: false));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("not-an-address")]
    [InlineData("")]
    public void A_bad_allow_list_entry_fails_the_sender_at_construction_naming_the_entry(string entry)
    {
        var options = new OutlayServerOptions();
        options.AlertTargetAllowList.Add("127.0.0.0/8");
        options.AlertTargetAllowList.Add(entry);

        var error = Assert.Throws<ArgumentException>(() => new AlertChannelSender(options));

        Assert.Contains($"'{entry}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(OutlayServerOptions.AlertTargetAllowList), error.ParamName);
    }
}
