using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Outlay.Server.Alerts.Delivery.Webhooks;

/// <summary>
/// The <c>Outlay-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;lowercase hex HMAC-SHA256&gt;</c>, keyed with
/// the UTF-8 bytes of the whole secret, over <c>"&lt;t&gt;." + raw body</c>. The README's "Verifying Outlay webhooks"
/// gives the receiver's side.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "Outlay-Signature";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Create(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }
}
