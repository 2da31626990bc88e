namespace Outlay.Core.Querying;

/// <summary>Tag keys of wire contract v1: <c>[a-z0-9_.-]{1,64}</c>.</summary>
public static class TagKeyPattern
{
    public const int MaxLength = 64;

    public static bool IsValid(string key)
    {
        if (key.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
