using Outlay.Core.Pricing;

namespace Outlay.Server.Dashboard.Models;

/// <summary>Searches and pages the price catalog in use.</summary>
internal static class CatalogSearch
{
    /// <summary>Entries per page: 50.</summary>
    public const int PageSize = 50;

    /// <summary>Longest search text: 100 characters (longer is cut).</summary>
    public const int MaxQueryLength = 100;

    /// <summary>Entries whose id, provider, model or an alias contains <paramref name="query"/> (case-insensitive); all when blank.</summary>
    public static IReadOnlyList<PriceEntry> Find(IReadOnlyList<PriceEntry> entries, string? query)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = Normalize(query);
        if (text.Length == 0)
        {
            return entries;
        }

        return entries.Where(e =>
                e.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
                || e.Provider.Contains(text, StringComparison.OrdinalIgnoreCase)
                || e.Model.Contains(text, StringComparison.OrdinalIgnoreCase)
                || e.Aliases.Any(a => a.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    public static string Normalize(string? query)
    {
        var text = query?.Trim() ?? string.Empty;
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    /// <summary>The 1-based page number from text, clamped to [1, page count]; unreadable text is page 1.</summary>
    public static int PageNumber(string? text, int count)
    {
        var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
            ? Math.Clamp(page, 1, pages)
            : 1;
    }
}
