namespace Outlay.Core.Findings;

/// <summary>Names of <see cref="FindingSeverity"/> values as the store, the API and payloads write them.</summary>
public static class FindingSeverities
{
    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public static string Name(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => "critical",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The severity named <paramref name="name"/> (case-insensitive), or null for an unknown name.</summary>
    public static FindingSeverity? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "critical" => FindingSeverity.Critical,
        "warning" => FindingSeverity.Warning,
        "info" => FindingSeverity.Info,
        _ => null,
    };
}
