namespace Outlay.Sdk.Diagnostics;

/// <summary>Matches activity source names against exact names and <c>prefix*</c> patterns (ordinal).</summary>
internal sealed class SourceNameMatcher
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    public SourceNameMatcher(IEnumerable<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                continue;
            }

            if (pattern.EndsWith('*'))
            {
                _prefixes.Add(pattern[..^1]);
            }
            else
            {
                _exact.Add(pattern);
            }
        }
    }

    public bool Matches(string sourceName)
    {
        if (_exact.Contains(sourceName))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (sourceName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
