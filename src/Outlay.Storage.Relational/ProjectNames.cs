namespace Outlay.Storage.Relational;

/// <summary>Project names: <c>[a-z0-9][a-z0-9_-]{0,63}</c>, safe in URLs, file names and CLI arguments.</summary>
internal static class ProjectNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name)
    {
        if (name is null || name.Length is 0 or > MaxLength || !IsLowerAlphanumeric(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsLowerAlphanumeric(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
