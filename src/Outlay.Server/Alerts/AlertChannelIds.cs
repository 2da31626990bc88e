using System.Security.Cryptography;

namespace Outlay.Server.Alerts;

/// <summary>New channel ids: <c>chn_</c> and 16 random hex digits, so ids reveal nothing and cannot be guessed across projects.</summary>
internal static class AlertChannelIds
{
    /// <summary>Longest id accepted in a path: 64 characters (longer ones are answered 404 without a lookup).</summary>
    public const int MaxLength = 64;

    public static string New() => "chn_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
