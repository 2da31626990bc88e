namespace Outlay.Server.Dashboard.Sessions;

/// <summary>Where sign-in may send the browser back to: only a local path, so the page cannot be an open redirect.</summary>
internal static class ReturnPath
{
    public const int MaxLength = 2048;

    /// <summary>
    /// The path when it starts with exactly one <c>/</c> and has no backslash or control character (which browsers
    /// may read as another host), else <c>/</c>.
    /// </summary>
    public static string Sanitize(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxLength || candidate[0] != '/')
        {
            return "/";
        }

        if (candidate.Length > 1 && candidate[1] is '/' or '\\')
        {
            return "/";
        }

        foreach (var c in candidate)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return "/";
            }
        }

        // The sign-in pages themselves are never a useful destination.
        return candidate.StartsWith("/signin", StringComparison.Ordinal) ? "/" : candidate;
    }
}
