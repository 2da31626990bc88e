using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>
/// Names the class of an address an alert must not be sent to by default: loopback, private, link-local, cloud
/// metadata, shared, multicast, reserved and documentation ranges, and IPv6 forms that carry such an IPv4 address
/// (mapped, 6to4, Teredo, NAT64).
/// </summary>
internal static class ReservedAddresses
{
    // Most specific first: the metadata address must be named before the link-local range it sits in.
    private static readonly (IPNetwork Network, string Name)[] V4Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "cloud metadata address"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast address"),
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified address"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT) address"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local address"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol address"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation address"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation address"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking address"),
        (IPNetwork.Parse("192.88.99.0/24"), "reserved address"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved address"),
    ];

    private static readonly (IPNetwork Network, string Name)[] V6Ranges =
    [
        (IPNetwork.Parse("fd00:ec2::254/128"), "cloud metadata address"),
        (IPNetwork.Parse("::/128"), "unspecified address"),
        (IPNetwork.Parse("::1/128"), "loopback address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "private address"),
        (IPNetwork.Parse("100::/64"), "reserved address"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation address"),
        (IPNetwork.Parse("3fff::/20"), "documentation address"),
        (IPNetwork.Parse("2001:2::/48"), "benchmarking address"),
        (IPNetwork.Parse("2001:10::/28"), "reserved address"),
        (IPNetwork.Parse("2001:20::/28"), "reserved address"),
        (IPNetwork.Parse("fc00::/7"), "private address"),
        (IPNetwork.Parse("fe80::/10"), "link-local address"),
        (IPNetwork.Parse("fec0::/10"), "private address"),
        (IPNetwork.Parse("ff00::/8"), "multicast address"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>The refused class of <paramref name="address"/>, or null for an ordinary public address.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "non-IP address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(address.MapToIPv4());
        }

        var withoutScope = address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
        foreach (var (network, name) in V6Ranges)
        {
            if (network.Contains(withoutScope))
            {
                return name;
            }
        }

        Span<byte> bytes = stackalloc byte[16];
        withoutScope.TryWriteBytes(bytes, out _);
        if (Nat64.Contains(withoutScope))
        {
            return Embedded("NAT64", bytes[12..16]);
        }

        if (SixToFour.Contains(withoutScope))
        {
            return Embedded("6to4", bytes[2..6]);
        }

        if (Teredo.Contains(withoutScope))
        {
            // Teredo carries the server in bits 32-63 and the client, inverted, in the last 32 bits.
            Span<byte> client = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(client, ~BinaryPrimitives.ReadUInt32BigEndian(bytes[12..16]));
            return Embedded("Teredo", bytes[4..8]) ?? Embedded("Teredo", client);
        }

        if (bytes[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return "IPv4-compatible (deprecated) address";
        }

        return GlobalUnicast.Contains(withoutScope) ? null : "reserved address";
    }

    private static string? ClassifyV4(IPAddress address)
    {
        foreach (var (network, name) in V4Ranges)
        {
            if (network.Contains(address))
            {
                return name;
            }
        }

        return null;
    }

    private static string? Embedded(string form, ReadOnlySpan<byte> v4)
    {
        var inner = ClassifyV4(new IPAddress(v4));
        return inner is null ? null : $"{inner} inside {form}";
    }
}
