namespace Outlay.Core.Querying;

/// <summary>
/// A dimension to group or filter spend by: one of <see cref="Columns"/>, or <c>tag.&lt;name&gt;</c>.
/// </summary>
public sealed record SpendDimension
{
    public static readonly IReadOnlyList<string> Columns =
        ["provider", "model", "operation", "service", "environment", "key_label", "status", "service_tier"];

    private SpendDimension(string name, string? tagName)
    {
        Name = name;
        TagName = tagName;
    }

    /// <summary>The name as written in queries and output, e.g. <c>model</c> or <c>tag.feature</c>.</summary>
    public string Name { get; }

    /// <summary>The tag key when this is a tag dimension; otherwise null.</summary>
    public string? TagName { get; }

    public bool IsTag => TagName is not null;

    /// <summary>Parses a dimension name; throws <see cref="SpendQueryException"/> naming the parameter when unknown.</summary>
    public static SpendDimension Parse(string text, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("tag.", StringComparison.Ordinal))
        {
            var tag = trimmed[4..];
            if (!TagKeyPattern.IsValid(tag))
            {
                throw new SpendQueryException(parameter, $"'{Truncate(trimmed)}' is not a valid tag dimension; tag keys match [a-z0-9_.-]{{1,64}}.");
            }

            return new SpendDimension(trimmed, tag);
        }

        foreach (var column in Columns)
        {
            if (string.Equals(column, trimmed, StringComparison.Ordinal))
            {
                return new SpendDimension(column, null);
            }
        }

        throw new SpendQueryException(parameter, $"unknown dimension '{Truncate(trimmed)}'; use one of {string.Join(", ", Columns)} or tag.<name>.");
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
