using Outlay.Core.Findings;

namespace Outlay.Server.Findings;

/// <summary>A finding's place in one line, the same in notices, the dashboard and the CLI.</summary>
internal static class FindingPlaceText
{
    /// <summary>What is known, e.g. <c>label openai-prod · service checkout · environment prod</c>; <c>unknown</c> when nothing is.</summary>
    public static string Format(FindingPlace place)
    {
        var parts = new List<string>(8);
        Add(parts, "provider", place.Provider);
        Add(parts, "label", place.KeyLabel);
        Add(parts, "service", place.Service);
        Add(parts, "environment", place.Environment);
        Add(parts, "instance", place.Instance);
        Add(parts, "model", place.Model);
        Add(parts, "feature", place.Feature);
        Add(parts, "customer", place.Customer);
        return parts.Count == 0 ? "unknown" : string.Join(" · ", parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(name + " " + value);
        }
    }
}
