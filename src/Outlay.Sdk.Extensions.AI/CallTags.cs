using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>Merges static, ambient and per-call tags, and strips the per-call key from what the provider sees.</summary>
internal static class CallTags
{
    private const int MaxTags = 24;
    private const int MaxKeyLength = 64;
    private const int MaxValueLength = 128;

    /// <summary>Static tags, then ambient tags outermost first, then per-call tags; later sources win. Null when there are none.</summary>
    public static Dictionary<string, string>? Merge(IDictionary<string, string> staticTags, AdditionalPropertiesDictionary? callProperties)
    {
        Dictionary<string, string>? merged = null;
        foreach (var (key, value) in staticTags)
        {
            Set(ref merged, key, value);
        }

        var ambient = AmbientTagScope.Current;
        if (ambient is not null)
        {
            var chain = new Stack<AmbientTagScope>();
            for (var scope = ambient; scope is not null; scope = scope.Parent)
            {
                chain.Push(scope);
            }

            while (chain.TryPop(out var scope))
            {
                Set(ref merged, scope.Key, scope.Value);
            }
        }

        if (callProperties is not null
            && callProperties.TryGetValue(OutlayTags.PerCallKey, out var perCall)
            && perCall is IEnumerable<KeyValuePair<string, string>> perCallTags)
        {
            foreach (var (key, value) in perCallTags)
            {
                Set(ref merged, key, value);
            }
        }

        return merged;
    }

    /// <summary>
    /// The properties to forward: the same instance when it holds no Outlay key, otherwise a copy without it
    /// (null when nothing else is left), because providers may serialise every additional property into their request.
    /// </summary>
    public static AdditionalPropertiesDictionary? WithoutOutlayKeys(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.ContainsKey(OutlayTags.PerCallKey))
        {
            return properties;
        }

        var copy = new AdditionalPropertiesDictionary();
        foreach (var (key, value) in properties)
        {
            if (!string.Equals(key, OutlayTags.PerCallKey, StringComparison.Ordinal))
            {
                copy[key] = value;
            }
        }

        return copy.Count == 0 ? null : copy;
    }

    /// <summary>
    /// Keeps a tag only when the server will accept it (key <c>[a-z0-9_.-]{1,64}</c>, value at most 128 characters, at
    /// most 24 tags): the server refuses a whole event for one bad tag, and losing a tag is better than losing the spend.
    /// </summary>
    private static void Set(ref Dictionary<string, string>? tags, string? key, string? value)
    {
        if (!IsValidKey(key) || value is null || value.Length > MaxValueLength)
        {
            return;
        }

        tags ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (tags.Count < MaxTags || tags.ContainsKey(key))
        {
            tags[key] = value;
        }
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
