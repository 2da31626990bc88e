using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>Merges static, ambient and per-call tags, and strips the per-call key from what the provider sees.</summary>
internal static class CallTags
{
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

    // Tags the server would refuse are left out by the SDK when it sends the event (see UsageEvent.Tags).
    private static void Set(ref Dictionary<string, string>? tags, string? key, string? value)
    {
        if (key is null || value is null)
        {
            return;
        }

        tags ??= new Dictionary<string, string>(StringComparer.Ordinal);
        tags[key] = value;
    }
}
