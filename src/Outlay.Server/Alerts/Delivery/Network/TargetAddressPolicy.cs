using System.Net;

namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>
/// Decides whether an alert may be sent to an address: refused when <see cref="ReservedAddresses"/> names its class,
/// unless the operator's allow-list holds it; plain HTTP only to an allow-listed address, so a secret never crosses
/// the internet in clear.
/// </summary>
internal sealed class TargetAddressPolicy
{
    private readonly IPNetwork[] allowed;

    private TargetAddressPolicy(IPNetwork[] allowed) => this.allowed = allowed;

    /// <summary>The allow-list's ranges, parsed.</summary>
    public IReadOnlyList<IPNetwork> Allowed => allowed;

    /// <summary>
    /// Parses the allow-list: each entry an address (<c>10.1.2.3</c>, <c>fd00::5</c>) or a CIDR range
    /// (<c>10.20.0.0/16</c>). Throws <see cref="ArgumentException"/> naming the first bad entry.
    /// </summary>
    public static TargetAddressPolicy Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            var entry = raw?.Trim() ?? string.Empty;
            if (IPAddress.TryParse(entry, out var single) && !entry.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(new IPNetwork(single, single.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(entry, out var range) && range.BaseAddress.Equals(IPAddress.Parse(entry[..entry.IndexOf('/', StringComparison.Ordinal)])))
            {
                // A range written with host bits set (10.0.0.1/8) is refused rather than guessed at.
                networks.Add(range);
            }
            else
            {
                throw new ArgumentException(
                    $"Alert target allow-list entry '{entry}' is not an IP address or a CIDR range with no host bits set (e.g. 10.20.0.0/16).",
                    nameof(OutlayServerOptions.AlertTargetAllowList));
            }
        }

        return new TargetAddressPolicy([.. networks]);
    }

    /// <summary>True when the operator allow-listed <paramref name="address"/> (an IPv4-mapped IPv6 address counts as its IPv4 form).</summary>
    public bool IsAllowListed(IPAddress address)
    {
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : null;
        foreach (var network in allowed)
        {
            if (network.Contains(address) || (v4 is not null && network.Contains(v4)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Null when an alert may connect to <paramref name="address"/>; otherwise why not, naming the address class.</summary>
    public string? Refusal(IPAddress address, bool plainHttp)
    {
        if (IsAllowListed(address))
        {
            return null;
        }

        if (ReservedAddresses.Classify(address) is { } addressClass)
        {
            return $"refused: {addressClass} {address}";
        }

        return plainHttp ? $"refused: plain http to {address}, which is not allow-listed; use https" : null;
    }
}
