using System.Text.RegularExpressions;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// The name under which provider-reported and tracked models are compared: lower case, routing prefixes
/// (<c>openai/</c>, <c>models/</c>) removed, and a trailing snapshot date or <c>-latest</c> removed, the way
/// <see cref="Pricing.ModelResolver"/> relates a dated id to its alias. The provider usually reports the dated id
/// (<c>gpt-4o-2024-08-06</c>) where an SDK may report the alias (<c>gpt-4o</c>); both compare as <c>gpt-4o</c>. Only
/// a version decoration is removed, so <c>gpt-4o-mini</c> never compares as <c>gpt-4o</c>.
/// </summary>
internal static partial class ReconciliationModelNames
{
    public static string Key(string model)
    {
        var name = model.Trim().ToLowerInvariant();
        var slash = name.LastIndexOf('/');
        if (slash >= 0 && !name.StartsWith("ft:", StringComparison.Ordinal))
        {
            name = name[(slash + 1)..];
        }

        if (DateSuffix().Match(name) is { Success: true } date)
        {
            return name[..date.Index];
        }

        return name.EndsWith("-latest", StringComparison.Ordinal) ? name[..^"-latest".Length] : name;
    }

    [GeneratedRegex(@"-(\d{4}-\d{2}-\d{2}|20\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();
}
