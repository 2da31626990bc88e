using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>
/// The receiver's side of an Outlay webhook, written exactly as the README's "Verifying Outlay webhooks" recipe says,
/// so the recipe itself is exercised: parse <c>t</c> and <c>v1</c>, reject when |now − t| &gt; 5 minutes, recompute
/// HMAC-SHA256 over <c>"&lt;t&gt;." + raw body</c> and compare in constant time. Dedupe by <c>Outlay-Event-Id</c> is the
/// caller's.
/// </summary>
internal static class WebhookSignatureVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool Verify(string? signatureHeader, byte[] rawBody, string secret, DateTimeOffset now)
    {
        if (signatureHeader is null)
        {
            return false;
        }

        long? timestamp = null;
        string? v1 = null;
        foreach (var part in signatureHeader.Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1")
            {
                v1 = pair[1];
            }
        }

        if (timestamp is null || v1 is null)
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > Tolerance.TotalSeconds)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(timestamp.Value.ToString(CultureInfo.InvariantCulture) + ".").Concat(rawBody).ToArray();
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(v1));
    }
}
