using System.Diagnostics.CodeAnalysis;

namespace Outlay.Sdk.OpenAI;

/// <summary>
/// Copies the caller's tags, keeping only those the server accepts (key <c>[a-z0-9_.-]{1,64}</c>, printable value of
/// at most 128 characters, at most 24 tags): the server refuses a whole event for one bad tag, and losing a tag is
/// better than losing the spend. The same rules as the Microsoft.Extensions.AI satellite.
/// </summary>
internal static class TagFilter
{
    private const int MaxTags = 24;
    private const int MaxKeyLength = 64;
    private const int MaxValueLength = 128;

    public static Dictionary<string, string>? Accepted(IDictionary<string, string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return null;
        }

        var accepted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (accepted.Count == MaxTags)
            {
                break;
            }

            if (IsValidKey(key) && IsValidValue(value))
            {
                accepted[key] = value;
            }
        }

        return accepted.Count == 0 ? null : accepted;
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

    private static bool IsValidValue([NotNullWhen(true)] string? value) =>
        value is not null && value.Length <= MaxValueLength && !value.Any(char.IsControl);
}
