using Outlay.Core.Events;
using Outlay.Core.Querying;

namespace Outlay.Core.Telemetry;

/// <summary>How OTLP spans become usage events.</summary>
public sealed class GenAiMappingOptions
{
    private readonly Dictionary<string, string> tagAttributes;
    private readonly HashSet<string> keptSpanAttributes;

    /// <summary>
    /// Creates options. <paramref name="tagAttributes"/> maps a span (or resource) attribute name onto a tag key, e.g.
    /// <c>app.feature → feature</c>; default none. Throws <see cref="ArgumentException"/> for a tag key outside
    /// <c>[a-z0-9_.-]{1,64}</c>, or for an attribute or tag key that names content or secrets.
    /// </summary>
    public GenAiMappingOptions(IReadOnlyDictionary<string, string>? tagAttributes = null, EventLimits? limits = null)
    {
        Limits = limits ?? EventLimits.Default;
        tagAttributes ??= new Dictionary<string, string>(0);
        if (tagAttributes.Count > EventTagsReader.MaxTags)
        {
            throw new ArgumentException($"At most {EventTagsReader.MaxTags} tag attributes may be mapped.", nameof(tagAttributes));
        }

        this.tagAttributes = new Dictionary<string, string>(StringComparer.Ordinal);
        keptSpanAttributes = new HashSet<string>(GenAiAttributes.Span, StringComparer.Ordinal);
        foreach (var (attribute, tag) in tagAttributes)
        {
            if (string.IsNullOrWhiteSpace(attribute) || ForbiddenTagKeys.NamesContentOrSecret(attribute))
            {
                throw new ArgumentException($"Attribute '{attribute}' cannot be a tag: it is empty or names content or secrets.", nameof(tagAttributes));
            }

            if (!TagKeyPattern.IsValid(tag) || ForbiddenTagKeys.NamesContentOrSecret(tag))
            {
                throw new ArgumentException($"Tag key '{tag}' must match [a-z0-9_.-]{{1,64}} and not name content or secrets.", nameof(tagAttributes));
            }

            this.tagAttributes[attribute] = tag;
            keptSpanAttributes.Add(attribute);
        }

        KeptResourceAttributes = new HashSet<string>(GenAiAttributes.Resource.Concat(this.tagAttributes.Keys), StringComparer.Ordinal);
    }

    /// <summary>Attribute name → tag key.</summary>
    public IReadOnlyDictionary<string, string> TagAttributes => tagAttributes;

    /// <summary>Validation limits shared with <c>POST /v1/events</c> (token counts, future skew, latency).</summary>
    public EventLimits Limits { get; }

    /// <summary>The span and log attributes a decoder must keep: the allow-list plus the tag attributes.</summary>
    public IReadOnlySet<string> KeptSpanAttributes => keptSpanAttributes;

    /// <summary>The resource attributes a decoder must keep.</summary>
    public IReadOnlySet<string> KeptResourceAttributes { get; }
}
