namespace Outlay.Sdk.Diagnostics;

/// <summary>Checks <see cref="OutlayActivityListenerOptions.TagAttributes"/> against the wire contract's tag rules.</summary>
internal static class TagAttributeValidator
{
    private const int MaxTags = 24;
    private const int MaxKeyLength = 64;

    public static void Validate(IDictionary<string, string> tagAttributes)
    {
        if (tagAttributes.Count > MaxTags)
        {
            throw new ArgumentException($"At most {MaxTags} tag attributes can be mapped.", nameof(tagAttributes));
        }

        foreach (var (attribute, outlayKey) in tagAttributes)
        {
            if (string.IsNullOrWhiteSpace(attribute) || ContentAttributeNames.IsContent(attribute))
            {
                throw new ArgumentException($"Activity tag '{attribute}' cannot be mapped: it is empty or carries message content.", nameof(tagAttributes));
            }

            if (!IsValidKey(outlayKey))
            {
                throw new ArgumentException($"Outlay tag key '{outlayKey}' must match [a-z0-9_.-]{{1,{MaxKeyLength}}}.", nameof(tagAttributes));
            }
        }
    }

    private static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
