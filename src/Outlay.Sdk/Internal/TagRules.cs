namespace Outlay.Sdk.Internal;

/// <summary>
/// The tags the server accepts: at most 24, keys <c>[a-z0-9_.-]{1,64}</c>, values at most 128 characters with no
/// control characters. The server
/// refuses a whole event for one bad tag, so the SDK leaves such a tag out instead: losing a tag is better than losing
/// the spend. (Tag keys that name content, such as <c>prompt</c>, are still refused by the server, on purpose.)
/// </summary>
internal static class TagRules
{
    public const int MaxTags = 24;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 128;

    public static bool IsAccepted(string? key, string? value) =>
        IsAcceptedKey(key) && value is { Length: <= MaxValueLength } && !HasControlCharacter(value);

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAcceptedKey(string? key)
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
