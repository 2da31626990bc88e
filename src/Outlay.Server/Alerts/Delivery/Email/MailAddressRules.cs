namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>
/// What an address must look like to go into an SMTP command or a header: <c>local@domain</c>, printable ASCII, no
/// space, angle bracket, comma, quote or line break, at most 254 characters. Stricter than RFC 5321 on purpose.
/// </summary>
internal static class MailAddressRules
{
    /// <summary>Longest address accepted. 254 characters.</summary>
    public const int MaxLength = 254;

    /// <summary>Most recipients of one email channel. 50.</summary>
    public const int MaxRecipients = 50;

    /// <summary>True when <paramref name="address"/> can be used as is.</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength)
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.IndexOf('@') != at)
        {
            return false;
        }

        foreach (var c in address)
        {
            if (c is <= ' ' or > '~' or '<' or '>' or ',' or '"' or '(' or ')' or ';' or ':' or '\\' or '[' or ']')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The part after <c>@</c>.</summary>
    public static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
