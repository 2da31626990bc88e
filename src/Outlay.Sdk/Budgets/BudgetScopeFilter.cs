using System.Globalization;

namespace Outlay.Sdk.Budgets;

/// <summary>
/// One filter of a budget's scope, parsed from the server's text form <c>dimension:value</c> or
/// <c>dimension:v1|v2</c> (the spend query filter syntax), and matched against a prospective call with the server's rules.
/// </summary>
internal sealed class BudgetScopeFilter
{
    private const string TagPrefix = "tag.";

    private readonly string _dimension;
    private readonly string? _tagKey;
    private readonly string[] _values;

    private BudgetScopeFilter(string dimension, string? tagKey, string[] values)
    {
        _dimension = dimension;
        _tagKey = tagKey;
        _values = values;
    }

    /// <summary>Parses one filter; false for text that is not <c>dimension:value</c> with non-empty values.</summary>
    public static bool TryParse(string? text, out BudgetScopeFilter filter)
    {
        filter = null!;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0)
        {
            return false;
        }

        var dimension = text[..colon];
        var values = text[(colon + 1)..].Split('|');
        if (Array.Exists(values, v => v.Length == 0))
        {
            return false;
        }

        var tagKey = dimension.StartsWith(TagPrefix, StringComparison.Ordinal) ? dimension[TagPrefix.Length..] : null;
        if (tagKey is { Length: 0 })
        {
            return false;
        }

        filter = new BudgetScopeFilter(dimension, tagKey, values);
        return true;
    }

    /// <summary>
    /// Whether the call would pass this filter on the server: its value for the dimension equals one of the values
    /// (ordinal; the provider lower-cased, as the server stores it). An unset dimension matches nothing, as on the server.
    /// Dimensions a call only has once it returns (<c>status</c>), or that this SDK does not know, match every call:
    /// the call may well be counted.
    /// </summary>
    public bool Matches(BudgetCallScope call, string? defaultService, string? defaultEnvironment)
    {
        if (_tagKey is not null)
        {
            return call.Tags is not null && call.Tags.TryGetValue(_tagKey, out var tag) && Contains(tag);
        }

        return _dimension switch
        {
            "provider" => Contains(call.Provider?.ToLower(CultureInfo.InvariantCulture)),
            "model" => Contains(call.Model),
            "operation" => Contains(call.Operation ?? "chat"),
            "service" => Contains(call.Service ?? defaultService),
            "environment" => Contains(call.Environment ?? defaultEnvironment),
            "key_label" => Contains(call.KeyLabel),
            "service_tier" => Contains(call.ServiceTier ?? "default"),
            _ => true,
        };
    }

    private bool Contains(string? value) => value is not null && Array.IndexOf(_values, value) >= 0;
}
