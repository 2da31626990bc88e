namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>Checks on a target URL and header values made before a request is built.</summary>
internal static class HttpTarget
{
    /// <summary>Longest header value taken from a notice. 200 characters.</summary>
    public const int MaxHeaderValueLength = 200;

    /// <summary>True for an absolute <c>http</c> or <c>https</c> URL without user information.</summary>
    public static bool IsSupported(Uri url) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(url.UserInfo);

    /// <summary>True when <paramref name="value"/> is printable ASCII of modest length, so it cannot split a header.</summary>
    public static bool IsHeaderSafe(string value) =>
        value.Length is > 0 and <= MaxHeaderValueLength && value.All(c => c is >= ' ' and <= '~');
}
