using System.Diagnostics.CodeAnalysis;

namespace Outlay.Sdk.Anthropic;

/// <summary>
/// Keeps only the tags the server accepts (key <c>[a-z0-9_.-]{1,64}</c>, value at most 128 characters, at most 24
/// tags): the server refuses a whole event for one bad tag, and losing a tag is better than losing the spend.
/// </summary>
internal static class ServerAcceptedTags
{
    private const int MaxTags = 24;
    private const int MaxKeyLength = 64;
    private const int MaxValueLength = 128;

    /// <summary>A copy holding the acceptable tags, or null when none is left.</summary>
    public static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        Dictionary<string, string>? accepted = null;
        foreach (var (key, value) in tags)
        {
            if (IsValidKey(key) && value is { Length: <= MaxValueLength })
            {
                accepted ??= new Dictionary<string, string>(StringComparer.Ordinal);
                if (accepted.Count < MaxTags)
                {
                    accepted[key] = value;
                }
            }
        }

        return accepted;
    }

    private static bool IsValidKey([NotNullWhen(true)] string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
