using Outlay.Core.Credentials;

namespace Outlay.Server.Credentials;

/// <summary>A key label taken from a URL path segment.</summary>
internal static class CredentialPathLabel
{
    /// <summary>
    /// The label, or null when it is not 1–128 characters without control characters. Kestrel has already decoded the
    /// segment except <c>%2F</c>, which it leaves encoded so a slash cannot split the route; it is decoded here.
    /// </summary>
    public static string? Parse(string segment)
    {
        var label = segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return CredentialLabels.IsValid(label) ? label : null;
    }
}
